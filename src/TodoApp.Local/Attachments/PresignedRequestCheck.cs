using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace TodoApp.Local.Attachments;

/// <summary>
/// Verifies SigV4 query-string signatures (presigned URLs) as S3 does, because fauxqs accepts any
/// signature: without this, a browser sending another content type or size than the API signed
/// would succeed locally and fail only in AWS. The canonical request is rebuilt from the request
/// as received (that is the receiving side's half, which no SDK ships); the signature over it comes
/// from the SDK's own SigV4 signer, the code that signed the URL. Requests signed in the
/// Authorization header (the SDK's own calls) pass through unchanged.
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
        // <access key>/<yyyyMMdd>/<region>/<service>/aws4_request
        var credential = query["X-Amz-Credential"].ToString().Split('/');
        if (query["X-Amz-Algorithm"] != "AWS4-HMAC-SHA256" || credential is not [var accessKey, _, var region, var service, "aws4_request"] ||
            !DateTimeOffset.TryParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) ||
            !int.TryParse(query["X-Amz-Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return MediaProxy.Error(StatusCodes.Status403Forbidden, "AuthorizationQueryParametersError", "The presigned URL is malformed.");
        }
        if (clock.GetUtcNow() > signedAt.AddSeconds(expires))
        {
            return MediaProxy.Error(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired");
        }
        var signedHeaders = query["X-Amz-SignedHeaders"].ToString();
        var expected = AWS4Signer.ComputeSignature(accessKey, secretKey, region, signedAt.UtcDateTime, service, signedHeaders,
            CanonicalRequest(request, signedHeaders)).Signature;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToString()))
            ? null
            : MediaProxy.Error(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    private static string CanonicalRequest(HttpRequest request, string signedHeaders)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = rawTarget.Split('?')[0];
        var query = string.Join('&', request.Query
            .Where(p => p.Key != "X-Amz-Signature")
            .SelectMany(p => p.Value.Select(v => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(v ?? ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var headers = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var value = name == "host" ? request.Host.Value : request.Headers[name].ToString();
            headers.Append(name).Append(':').Append(value?.Trim()).Append('\n');
        }
        var payload = request.Query.TryGetValue("X-Amz-Content-Sha256", out var hash) ? hash.ToString() : "UNSIGNED-PAYLOAD";
        return $"{request.Method}\n{path}\n{query}\n{headers}\n{signedHeaders}\n{payload}";
    }
}
