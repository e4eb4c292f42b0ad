using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TodoApp.Functions.Events;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// A function URL handler behind an HTTP server: the HTTP request becomes a payload format 2.0 event,
/// and the handler's response becomes the HTTP response. On Lambda the Lambda Web Adapter has already
/// turned the event into that request and passes its request context in <c>x-amzn-request-context</c>
/// (the function URL's own, so the request id is Lambda's); the local host has none and makes one up.
/// </summary>
public static class FunctionUrlBridge
{
    /// <summary>Lambda's own limit for a synchronous request payload.</summary>
    public const long MaxRequestBytes = 6 * 1024 * 1024;

    public static async Task<FunctionUrlRequest> ToEventAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The API's 64 KB limit is for its own JSON; webhook payloads are bigger and the handler judges them.
            limit.MaxRequestBodySize = MaxRequestBytes;
        }
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.ToArray();
        var textual = IsTextual(http.Request.ContentType);
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()));
        var requestContext = ForwardedContext(http.Request.Headers[RequestContextHeader]) ?? new FunctionUrlRequestContext(
            Guid.NewGuid().ToString(),
            http.Request.Host.Value,
            new FunctionUrlHttp(http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent),
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new FunctionUrlRequest("2.0", http.Request.Path, http.Request.QueryString.Value?.TrimStart('?') ?? "", headers, requestContext,
            bytes.Length == 0 ? null : textual ? Encoding.UTF8.GetString(bytes) : Convert.ToBase64String(bytes),
            bytes.Length > 0 && !textual);
    }

    private const string RequestContextHeader = "x-amzn-request-context";

    private static FunctionUrlRequestContext? ForwardedContext(string? header) =>
        AdapterHeader.Parse(header, FunctionUrlJsonContext.Default.FunctionUrlRequestContext);

    public static async Task<IResult> InvokeAsync(HttpContext http, Func<Stream, Task<Stream>> handler)
    {
        var request = await ToEventAsync(http);
        using var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, FunctionUrlJsonContext.Default.FunctionUrlRequest));
        await using var output = await handler(input);
        var response = await JsonSerializer.DeserializeAsync(output, FunctionUrlJsonContext.Default.FunctionUrlResponse, http.RequestAborted)
            ?? throw new InvalidOperationException("The handler returned no response.");
        return new FunctionUrlResult(response);
    }

    /// <summary>Like Lambda: text-like bodies arrive as strings, everything else base64-encoded.</summary>
    private static bool IsTextual(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private sealed class FunctionUrlResult(FunctionUrlResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                http.Response.Headers[name] = value;
            }
            if (response.Body is { } body)
            {
                var bytes = response.IsBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
                await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
            }
        }
    }
}
