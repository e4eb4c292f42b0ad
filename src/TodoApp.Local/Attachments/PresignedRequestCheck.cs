using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace TodoApp.Local.Attachments;

/// <summary>
/// Verifies SigV4 query-string signatures (presigned URLs) as S3 does, because fauxqs accepts any
/// signature: without this, a browser sending another content type or size than the API signed
/// would succeed locally and fail only in AWS. Requests signed in the Authorization header (the
/// SDK's own calls) pass through unchanged.
/// </summary>
public sealed class PresignedRequestCheck(string secretKey, TimeProvider clock)
{
    public IResult? Refusal(HttpRequest request)
    {
        var query = request.Query;
        if (!query.TryGetValue("X-Amz-Signature", out var signature))
        {
            return null;
        }
        var credential = query["X-Amz-Credential"].ToString().Split('/');
        if (query["X-Amz-Algorithm"] != "AWS4-HMAC-SHA256" || credential.Length != 5 ||
            !DateTimeOffset.TryParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) ||
            !int.TryParse(query["X-Amz-Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return Error("AuthorizationQueryParametersError", "The presigned URL is malformed.");
        }
        if (clock.GetUtcNow() > signedAt.AddSeconds(expires))
        {
            return Error("AccessDenied", "Request has expired");
        }
        var scope = string.Join('/', credential[1..]);
        var stringToSign = $"AWS4-HMAC-SHA256\n{query["X-Amz-Date"]}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(request))))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in credential[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToString()))
            ? null
            : Error("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    private static string CanonicalRequest(HttpRequest request)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = rawTarget.Split('?')[0];
        var query = string.Join('&', request.Query
            .Where(p => p.Key != "X-Amz-Signature")
            .SelectMany(p => p.Value.Select(v => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(v ?? ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var signedHeaders = request.Query["X-Amz-SignedHeaders"].ToString();
        var headers = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var value = name == "host" ? request.Host.Value : request.Headers[name].ToString();
            headers.Append(name).Append(':').Append(value?.Trim()).Append('\n');
        }
        var payload = request.Query.TryGetValue("X-Amz-Content-Sha256", out var hash) ? hash.ToString() : "UNSIGNED-PAYLOAD";
        return $"{request.Method}\n{path}\n{query}\n{headers}\n{signedHeaders}\n{payload}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static IResult Error(string code, string message) => Results.Content(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>",
        "application/xml", Encoding.UTF8, StatusCodes.Status403Forbidden);
}
