using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Aws;
using TodoApp.Local.Attachments;

namespace TodoApp.Local.Tests;

/// <summary>The media proxy against a recording upstream: what reaches S3's stand-in, and what never does.</summary>
public sealed class MediaProxyTests : IAsyncLifetime
{
    private static readonly MediaCors AnySite = new([new MediaCorsRule(["GET", "PUT"], ["*"], ["*"], ["ETag"], 300)]);

    private readonly List<(string Bucket, string Key, long Size)> _created = [];
    private Recorder _s3 = null!;
    private MediaProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _s3 = await Recorder.StartAsync();
        var check = new PresignedRequestCheck(AwsClients.LocalCredentials.GetCredentials().SecretKey, TimeProvider.System);
        _proxy = await MediaProxy.StartAsync(_s3.Url, AnySite, check, (bucket, key, size) => _created.Add((bucket, key, size)), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _s3.DisposeAsync();
    }

    [Fact]
    public async Task AnAbsoluteFormTargetIsRefusedAndNothingIsFetched()
    {
        await using var elsewhere = await Recorder.StartAsync();
        // A client told to use the proxy as a forward proxy sends "GET http://elsewhere/... HTTP/1.1".
        using var client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(_proxy.Url), UseProxy = true });

        using var response = await client.GetAsync(new Uri(elsewhere.Url, "/latest/meta-data/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>InvalidRequest</Code>", await response.Content.ReadAsStringAsync());
        Assert.Empty(elsewhere.Requests);
        Assert.Empty(_s3.Requests);
    }

    [Fact]
    public async Task AnUploadReachesS3WithItsTargetAndHostAsSentAndIsReported()
    {
        using var client = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(_proxy.Url, "/media/u%2F1/a%20b%2Bc.txt?x-id=PutObject"))
        {
            Content = new ByteArrayContent(new byte[1234]),
        };
        put.Headers.Add("Origin", "http://localhost:5000");

        using var response = await client.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(_s3.Requests);
        Assert.Equal("/media/u%2F1/a%20b%2Bc.txt?x-id=PutObject", seen.RawTarget);
        Assert.Equal(_proxy.Url.Authority, seen.Host);
        Assert.Equal(1234, seen.BodyLength);
        Assert.Equal(("media", "u/1/a b+c.txt", 1234L), Assert.Single(_created));
        // S3's grant from the bucket's rules, not the emulator's own.
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task APresignedUploadPassesOnlyWithTheContentTypeItWasSignedFor()
    {
        var url = await PresignAsync(HttpVerb.PUT, "u/1/photo one.png", "image/png");
        using var client = new HttpClient();

        using var wrongType = await client.PutAsync(url, Body("image/gif"));
        using var signedType = await client.PutAsync(url, Body("image/png"));

        Assert.Equal(HttpStatusCode.Forbidden, wrongType.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await wrongType.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, signedType.StatusCode);
        Assert.Single(_s3.Requests);
    }

    [Fact]
    public async Task AnExpiredPresignedUrlIsRefused()
    {
        var url = await PresignAsync(HttpVerb.GET, "u/1/old.png");
        await using var later = await Recorder.StartAsync();
        var check = new PresignedRequestCheck(AwsClients.LocalCredentials.GetCredentials().SecretKey, new OffsetClock(TimeSpan.FromMinutes(6)));
        await using var proxy = await MediaProxy.StartAsync(later.Url, AnySite, check, (_, _, _) => { }, CancellationToken.None);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(proxy.Url, new Uri(url).PathAndQuery));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Request has expired", await response.Content.ReadAsStringAsync());
        Assert.Empty(later.Requests);
    }

    /// <summary>A URL presigned by the SDK, as the API makes them, for five minutes from now.</summary>
    private async Task<string> PresignAsync(HttpVerb verb, string key, string? contentType = null)
    {
        using var s3 = AwsClients.S3(new AwsOptions { Region = "us-east-1", S3ServiceUrl = _proxy.Url.ToString() });
        return await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "media",
            Key = key,
            Verb = verb,
            Protocol = Protocol.HTTP,
            ContentType = contentType,
            Expires = DateTime.UtcNow.AddMinutes(5),
        });
    }

    private static ByteArrayContent Body(string contentType)
    {
        var content = new ByteArrayContent("png"u8.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }

    /// <summary>A stand-in for S3 that records each request and answers 200 with an emulator-style CORS header.</summary>
    private sealed class Recorder : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Recorder(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }
        public ConcurrentQueue<(string RawTarget, string Host, long BodyLength)> Requests { get; } = new();

        public static async Task<Recorder> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Recorder? recorder = null;
            app.Run(async context =>
            {
                var length = 0L;
                var buffer = new byte[8192];
                for (int read; (read = await context.Request.Body.ReadAsync(buffer)) > 0;)
                {
                    length += read;
                }
                recorder!.Requests.Enqueue((context.Features.Get<IHttpRequestFeature>()!.RawTarget, context.Request.Host.Value ?? "", length));
                context.Response.Headers.AccessControlAllowOrigin = "http://emulator.invalid";
                context.Response.Headers.AccessControlAllowCredentials = "true";
                context.Response.Headers.ETag = "\"1\"";
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            recorder = new Recorder(app, new Uri(address));
            return recorder;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
