using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TodoApp.Core.Todos;

/// <summary>
/// The opaque paging cursor: the last todo id seen, bound to the user and the filter by a checksum.
/// The partition key always comes from the signed-in user, so a forged cursor can at most move the
/// starting point inside the caller's own list; the checksum makes garbage, truncation and reuse
/// across users or filters a clean 400 instead.
/// </summary>
public static class TodoCursor
{
    private const int ChecksumBytes = 8;

    public static string Encode(string userId, TodoStatusFilter filter, string lastTodoId)
    {
        var payload = $"1|{(int)filter}|{lastTodoId}";
        var bytes = Encoding.UTF8.GetBytes(payload + "|" + Checksum(userId, payload));
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string cursor, string userId, TodoStatusFilter filter, out string lastTodoId)
    {
        lastTodoId = "";
        if (cursor.Length > 256)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.LastIndexOf('|');
        if (separator < 0)
        {
            return false;
        }
        var payload = text[..separator];
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] != "1" || parts[1] != ((int)filter).ToString() ||
            !Data.Ids.IsWellFormed(parts[2]) ||
            !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(text[(separator + 1)..]), Encoding.ASCII.GetBytes(Checksum(userId, payload))))
        {
            return false;
        }
        lastTodoId = parts[2];
        return true;
    }

    private static string Checksum(string userId, string payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + payload), hash);
        return Convert.ToHexStringLower(hash[..ChecksumBytes]);
    }
}
