using System.Buffers;

namespace TodoApp.Core.Todos;

/// <summary>
/// The validation rules for todo fields, shared by the API and by the order processor that turns
/// order lines into todos. Each method returns an error a user can act on, or null.
/// </summary>
public static class TodoRules
{
    public const int TitleMax = 200;
    public const int NotesMax = 2000;
    public const int LabelsMax = 10;
    public const int LabelMax = 30;

    private static readonly SearchValues<char> LabelChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public static string? CheckTitle(string? title)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "Title is required.";
        }
        if (trimmed.Length > TitleMax)
        {
            return $"Title must be at most {TitleMax} characters.";
        }
        return HasControlCharacters(trimmed) ? "Title must not contain control characters." : null;
    }

    public static string? CheckNotes(string? notes) =>
        notes is { Length: > NotesMax } ? $"Notes must be at most {NotesMax} characters." : null;

    public static string? CheckLabels(IReadOnlyList<string?>? labels)
    {
        if (labels is null)
        {
            return null;
        }
        if (labels.Count > LabelsMax)
        {
            return $"A todo can have at most {LabelsMax} labels.";
        }
        foreach (var label in labels)
        {
            if (string.IsNullOrEmpty(label) || label.Length > LabelMax || label.AsSpan().ContainsAnyExcept(LabelChars))
            {
                return $"Each label must be 1-{LabelMax} characters of lower-case letters, digits and '-'.";
            }
        }
        return null;
    }

    /// <summary>Labels are a set: order of first appearance is kept, duplicates dropped.</summary>
    public static IReadOnlyList<string> NormalizeLabels(IEnumerable<string>? labels) =>
        labels is null ? [] : labels.Distinct(StringComparer.Ordinal).ToArray();

    private static bool HasControlCharacters(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }
}
