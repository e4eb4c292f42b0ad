using System.Text.Json.Serialization;

namespace TodoApp.Functions.Events;

/// <summary>
/// A Lambda function URL request (payload format 2.0): only the fields the functions read. Header
/// names arrive lower-cased and repeated headers are joined with commas.
/// </summary>
public sealed record FunctionUrlRequest(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("rawPath")] string? RawPath,
    [property: JsonPropertyName("rawQueryString")] string? RawQueryString,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers,
    [property: JsonPropertyName("requestContext")] FunctionUrlRequestContext? RequestContext,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("isBase64Encoded")] bool IsBase64Encoded)
{
    public string Method => RequestContext?.Http?.Method ?? "";

    public string? RequestId => RequestContext?.RequestId;

    /// <summary>Lambda lower-cases header names; the lookup still ignores case so hand-written events work.</summary>
    public string? Header(string name)
    {
        if (Headers is null)
        {
            return null;
        }
        if (Headers.TryGetValue(name, out var value))
        {
            return value;
        }
        foreach (var (key, candidate) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The body exactly as the caller sent it: signatures are computed over these bytes.</summary>
    /// <exception cref="FormatException">The event says base64 but the body is not.</exception>
    public byte[] BodyBytes() => Body is null
        ? []
        : IsBase64Encoded ? Convert.FromBase64String(Body) : System.Text.Encoding.UTF8.GetBytes(Body);
}

public sealed record FunctionUrlRequestContext(
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("domainName")] string? DomainName,
    [property: JsonPropertyName("http")] FunctionUrlHttp? Http,
    [property: JsonPropertyName("timeEpoch")] long TimeEpoch);

public sealed record FunctionUrlHttp(
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("sourceIp")] string? SourceIp,
    [property: JsonPropertyName("userAgent")] string? UserAgent);
