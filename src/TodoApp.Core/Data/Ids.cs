using System.Buffers;

namespace TodoApp.Core.Data;

/// <summary>Identifiers: time-ordered (UUID v7) so that sort keys list newest first without an index.</summary>
public static class Ids
{
    private static readonly SearchValues<char> Allowed = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz-");

    public static string New(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");

    /// <summary>Ids come from URLs and cursors: anything outside the alphabet we generate is not ours.</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && !id.AsSpan().ContainsAnyExcept(Allowed);
}
