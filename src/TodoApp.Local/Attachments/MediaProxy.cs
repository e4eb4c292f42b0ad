using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TodoApp.Local.Attachments;

/// <summary>
/// Fronts the S3 emulator the way S3 itself behaves towards a browser: answers CORS preflights from
/// the bucket's rules (fauxqs answers OPTIONS with 404), checks presigned signatures (fauxqs does
/// not), forwards everything else unchanged (including Host, which the signature covers) and reports
/// each successful object write, which is what S3 event notifications are built from.
/// </summary>
public sealed class MediaProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Expect", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private MediaProxy(WebApplication app, HttpClient upstream, Uri url)
    {
        _app = app;
        _upstream = upstream;
        Url = url;
    }

    /// <summary>The S3 endpoint to presign against: browsers and the API talk to S3 through here.</summary>
    public Uri Url { get; }

    public static async Task<MediaProxy> StartAsync(Uri upstream, MediaCors cors, PresignedRequestCheck check,
        Action<string, string, long> objectCreated, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // S3 takes objects up to 5 GB in one PUT; limits are the signature's business here, not Kestrel's.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = upstream,
            Timeout = TimeSpan.FromMinutes(5),
        };
        app.Run(async context =>
        {
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                await cors.PreflightAsync(context);
                return;
            }
            cors.Apply(context);
            if (check.Refusal(context.Request) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            var status = await ForwardAsync(client, context);
            if (status is >= 200 and < 300 && (HttpMethods.IsPut(context.Request.Method) || IsCompleteMultipart(context.Request)) &&
                !context.Request.Query.ContainsKey("partNumber") && ObjectAddress(context.Request.Path) is var (bucket, key))
            {
                var size = long.TryParse(context.Request.Headers["x-amz-decoded-content-length"], out var decoded) ? decoded : context.Request.ContentLength ?? 0;
                objectCreated(bucket, key, size);
            }
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MediaProxy(app, client, new Uri(address));
    }

    private static async Task<int> ForwardAsync(HttpClient client, HttpContext context)
    {
        var request = context.Request;
        // The raw target, not the decoded path: the signature covers the URL exactly as the client sent it.
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        message.Headers.Host = request.Host.Value;
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name) && !name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        return (int)response.StatusCode;
    }

    private static bool IsCompleteMultipart(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Query.ContainsKey("uploadId");

    /// <summary>Path-style addressing: <c>/{bucket}/{key}</c>, with the key percent-decoded.</summary>
    private static (string Bucket, string Key)? ObjectAddress(PathString path)
    {
        var raw = path.Value ?? "";
        var slash = raw.IndexOf('/', 1);
        return slash > 1 && slash < raw.Length - 1 ? (raw[1..slash], Uri.UnescapeDataString(raw[(slash + 1)..])) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
