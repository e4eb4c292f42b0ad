using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace TodoApp.Local.Attachments;

/// <summary>
/// Fronts the S3 emulator the way S3 itself behaves towards a browser: answers CORS preflights from
/// the bucket's rules (fauxqs answers OPTIONS with 404), checks presigned signatures (fauxqs does
/// not), forwards everything else through YARP with the target and Host exactly as sent (the
/// signature covers both) and reports each successful object write, which is what S3 event
/// notifications are built from. Only origin-form targets (<c>/bucket/key?query</c>) are taken: an
/// absolute-form target (<c>GET http://elsewhere/ HTTP/1.1</c>) is a forward-proxy request, and S3
/// is not a forward proxy.
/// </summary>
public sealed class MediaProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _upstream;

    private MediaProxy(WebApplication app, HttpMessageInvoker upstream, Uri url)
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
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        // What YARP recommends for a forwarder's client: no proxy, redirects, cookies or decompression of its own,
        // and no trace headers added (they would not be in what the client signed).
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ActivityHeadersPropagator = null,
        });
        var destination = upstream.GetLeftPart(UriPartial.Authority);
        var transformer = new AsSent(cors);
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(5) };
        app.Run(async context =>
        {
            if (!RawTarget(context).StartsWith('/'))
            {
                await Error(StatusCodes.Status400BadRequest, "InvalidRequest", "Only origin-form request targets are accepted.").ExecuteAsync(context);
                return;
            }
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                await cors.PreflightAsync(context);
                return;
            }
            if (check.Refusal(context.Request) is { } refusal)
            {
                cors.Apply(context);
                await refusal.ExecuteAsync(context);
                return;
            }
            var error = await forwarder.SendAsync(context, destination, client, config, transformer);
            if (error == ForwarderError.None && context.Response.StatusCode is >= 200 and < 300 &&
                (HttpMethods.IsPut(context.Request.Method) || IsCompleteMultipart(context.Request)) &&
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

    /// <summary>The target as the client sent it, not the decoded path: the signature covers the URL byte for byte.</summary>
    private static string RawTarget(HttpContext context) => context.Features.Get<IHttpRequestFeature>()!.RawTarget;

    internal static IResult Error(int status, string code, string message) => Results.Content(
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>",
        "application/xml", System.Text.Encoding.UTF8, status);

    private static bool IsCompleteMultipart(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Query.ContainsKey("uploadId");

    /// <summary>Path-style addressing: <c>/{bucket}/{key}</c>, with the key percent-decoded.</summary>
    private static (string Bucket, string Key)? ObjectAddress(PathString path)
    {
        var raw = path.Value ?? "";
        var slash = raw.IndexOf('/', 1);
        return slash > 1 && slash < raw.Length - 1 ? (raw[1..slash], Uri.UnescapeDataString(raw[(slash + 1)..])) : null;
    }

    /// <summary>
    /// Copies the request as sent, Host included (YARP's base transformer does, its Default drops it and adds
    /// X-Forwarded-*), onto the raw target; and gives the response S3's CORS grant instead of the emulator's.
    /// </summary>
    private sealed class AsSent(MediaCors cors) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
            string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.RequestUri = new Uri(destinationPrefix + RawTarget(httpContext));
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
            CancellationToken cancellationToken)
        {
            var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            foreach (var name in httpContext.Response.Headers.Keys.Where(n => n.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToArray())
            {
                httpContext.Response.Headers.Remove(name);
            }
            cors.Apply(httpContext);
            return proceed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
