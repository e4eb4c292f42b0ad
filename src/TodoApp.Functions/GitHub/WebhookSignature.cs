using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace TodoApp.Functions.GitHub;

/// <summary>
/// GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body keyed
/// with the webhook secret. Only the SHA-256 header counts; the legacy SHA-1 one is ignored.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "x-hub-signature-256";
    private const string Prefix = "sha256=";
    private const int HashBytes = 32;

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null
            || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + HashBytes * 2)
        {
            return false;
        }
        Span<byte> given = stackalloc byte[HashBytes];
        // Hex digits are case-insensitive; comparing bytes (not strings) makes that moot.
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done || written != HashBytes)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        // Constant time, so response timing does not reveal how many leading bytes matched.
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The header value GitHub would send; for tests, the local host and tooling.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
