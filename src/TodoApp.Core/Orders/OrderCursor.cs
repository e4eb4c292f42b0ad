using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TodoApp.Core.Data;

namespace TodoApp.Core.Orders;

/// <summary>
/// The opaque paging cursor of the order list: the last order id seen, bound to the user by a
/// checksum so garbage, truncation and reuse by another user are a clean 400 (as for todos).
/// </summary>
public static class OrderCursor
{
    private const string Version = "o1";

    public static string Encode(string userId, string lastOrderId)
    {
        var payload = $"{Version}|{lastOrderId}";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload + "|" + Checksum(userId, payload)));
    }

    public static bool TryDecode(string cursor, string userId, out string lastOrderId)
    {
        lastOrderId = "";
        if (cursor.Length > 256)
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
        var parts = text.Split('|');
        if (parts.Length != 3 || parts[0] != Version || !Ids.IsWellFormed(parts[1]) ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Checksum(userId, $"{Version}|{parts[1]}"))))
        {
            return false;
        }
        lastOrderId = parts[1];
        return true;
    }

    private static string Checksum(string userId, string payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId + "\n" + payload), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
