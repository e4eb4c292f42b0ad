using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TodoApp.Core.Data;

/// <summary>
/// The one opaque paging cursor codec: <c>{scope}|{lastId}|{checksum}</c> in base64url, the checksum
/// binding it to the user and the list it came from. The partition key always comes from the
/// signed-in user, so a forged cursor can at most move the starting point inside the caller's own
/// list; the checksum makes garbage, truncation and reuse across users or lists a clean 400 instead.
/// </summary>
public static class PageCursor
{
    private const int MaxLength = 256;
    private const int ChecksumBytes = 8;

    /// <param name="scope">Names the list (and its filter); a cursor decodes only under the same scope.</param>
    public static string Encode(string userId, string scope, string lastId)
    {
        var payload = $"{scope}|{lastId}";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload + "|" + Checksum(userId, payload)));
    }

    public static bool TryDecode(string cursor, string userId, string scope, out string lastId)
    {
        lastId = "";
        if (cursor.Length > MaxLength)
        {
            return false;
        }
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        var separator = text.LastIndexOf('|');
        if (separator < 0)
        {
            return false;
        }
        var payload = text[..separator];
        var prefix = scope + "|";
        if (!payload.StartsWith(prefix, StringComparison.Ordinal) || !Ids.IsWellFormed(payload[prefix.Length..]) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(text[(separator + 1)..]), Encoding.ASCII.GetBytes(Checksum(userId, payload))))
        {
            return false;
        }
        lastId = payload[prefix.Length..];
        return true;
    }

    private static string Checksum(string userId, string payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + payload), hash);
        return Convert.ToHexStringLower(hash[..ChecksumBytes]);
    }
}
