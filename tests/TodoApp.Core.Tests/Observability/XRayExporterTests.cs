using System.Diagnostics;
using System.Text.Json;
using TodoApp.Core.Observability;
using TodoApp.Testing;

namespace TodoApp.Core.Tests.Observability;

public sealed class XRayExporterTests
{
    [Fact]
    public async Task ASpanUnderLambdasTraceHeaderReachesTheDaemonAsASubsegmentOfTheFunctionSegment()
    {
        using var daemon = new FakeXRayDaemon();
        using var exporter = XRayExporter.Start(daemon.Address, Silent);
        Assert.True(XRayTraceHeader.TryParse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", out var lambda));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        string handlerId, callId;
        using (var handler = Tracing.Source.StartActivity("Handler", ActivityKind.Consumer, lambda)!)
        {
            handlerId = handler.SpanId.ToHexString();
            using var slack = Tracing.Source.StartActivity("Slack post", ActivityKind.Client)!;
            callId = slack.SpanId.ToHexString();
        }

        var documents = await daemon.WaitForAsync("1-5759e988-bd862e3fe1be46a994272793", d => d.GetProperty("id").GetString() == handlerId);
        Assert.All(daemon.Datagrams, d => Assert.StartsWith("{\"format\": \"json\", \"version\": 1}\n{", d, StringComparison.Ordinal));
        var span = Assert.Single(documents, d => d.GetProperty("id").GetString() == handlerId);
        Assert.Equal("Handler", span.GetProperty("name").GetString());
        Assert.Equal("53995c3f42cd8ad8", span.GetProperty("parent_id").GetString());
        Assert.Equal("subsegment", span.GetProperty("type").GetString());
        Assert.False(span.TryGetProperty("namespace", out _));
        var (start, end) = (span.GetProperty("start_time").GetDouble(), span.GetProperty("end_time").GetDouble());
        Assert.InRange(start, before - 1, end);
        Assert.InRange(end, start, before + 10);

        var call = Assert.Single(documents, d => d.GetProperty("id").GetString() == callId);
        Assert.Equal(handlerId, call.GetProperty("parent_id").GetString());
        Assert.Equal("remote", call.GetProperty("namespace").GetString());
        Assert.Equal("Slack post", call.GetProperty("name").GetString());
    }

    [Fact]
    public async Task NothingOfATraceXRayDidNotSampleIsSentEvenWhenAnotherListenerRecordsIt()
    {
        using var daemon = new FakeXRayDaemon();
        using var exporter = XRayExporter.Start(daemon.Address, Silent);
        using var console = Tracing.ListenToConsole(TextWriter.Null); // records everything, as locally
        var unsampled = FakeXRayDaemon.NewTrace(sampled: false);
        Assert.True(XRayTraceHeader.TryParse(unsampled.Header, out var notSampled));

        using (Tracing.Source.StartActivity("Unsampled", ActivityKind.Consumer, notSampled))
        using (Tracing.Source.StartActivity("UnsampledChild", ActivityKind.Client))
        {
        }
        using (Tracing.Source.StartActivity("NoXRayParent", ActivityKind.Consumer))
        {
        }

        // One socket, one loopback path: once a later span has arrived, the earlier ones would have too.
        var marker = await SendMarkerAsync(daemon);
        Assert.Empty(daemon.Documents(unsampled.TraceId));
        Assert.DoesNotContain(daemon.Datagrams, d => d.Contains("NoXRayParent", StringComparison.Ordinal));
        Assert.Single(daemon.Documents(marker));
    }

    [Fact]
    public async Task AFailedSpanIsAFaultAClientErrorAnErrorAndATooManyRequestsAThrottle()
    {
        using var daemon = new FakeXRayDaemon();
        using var exporter = XRayExporter.Start(daemon.Address, Silent);
        var trace = FakeXRayDaemon.NewTrace();
        Assert.True(XRayTraceHeader.TryParse(trace.Header, out var lambda));

        using (var failed = Tracing.Source.StartActivity("Failed", ActivityKind.Internal, lambda)!)
        {
            failed.SetStatus(ActivityStatusCode.Error, "boom");
        }
        using (var notFound = Tracing.Source.StartActivity("NotFound", ActivityKind.Client, lambda)!)
        {
            notFound.SetStatus(ActivityStatusCode.Error);
            notFound.SetTag("http.status_code", 404);
        }
        using (var throttled = Tracing.Source.StartActivity("Throttled", ActivityKind.Client, lambda)!)
        {
            throttled.SetTag("http.status_code", "429");
        }
        using (Tracing.Source.StartActivity("Fine", ActivityKind.Internal, lambda))
        {
        }

        var documents = await daemon.WaitForAsync(trace.TraceId, d => d.GetProperty("name").GetString() == "Fine");
        JsonElement Named(string name) => Assert.Single(documents, d => d.GetProperty("name").GetString() == name);
        Assert.True(Named("Failed").GetProperty("fault").GetBoolean());
        Assert.False(Named("Failed").TryGetProperty("error", out _));
        Assert.True(Named("NotFound").GetProperty("error").GetBoolean());
        Assert.False(Named("NotFound").TryGetProperty("fault", out _));
        Assert.Equal(404, Named("NotFound").GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.True(Named("Throttled").GetProperty("throttle").GetBoolean());
        Assert.False(Named("Fine").TryGetProperty("fault", out _) || Named("Fine").TryGetProperty("error", out _));
    }

    [Fact]
    public async Task ADocumentOverTheDaemonsLimitIsDroppedAndBecomesAMetric()
    {
        using var daemon = new FakeXRayDaemon();
        var emf = new StringWriter();
        using var exporter = XRayExporter.Start(daemon.Address, new Metrics("xray-test", emf))!;
        var trace = FakeXRayDaemon.NewTrace();
        Assert.True(XRayTraceHeader.TryParse(trace.Header, out var lambda));

        using (var huge = Tracing.Source.StartActivity("Huge", ActivityKind.Server, lambda)!)
        {
            huge.SetTag("http.request.method", "GET");
            huge.SetTag("url.path", "/" + new string('a', 70_000));
        }

        var marker = await SendMarkerAsync(daemon);
        Assert.Empty(daemon.Documents(trace.TraceId));
        Assert.Single(daemon.Documents(marker));
        Assert.Equal(1, exporter.Dropped);
        Assert.Equal(0, exporter.Failed);
        var metric = JsonDocument.Parse(Assert.Single(emf.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        Assert.Equal(1, metric.GetProperty("XRaySpansDropped").GetInt32());
    }

    [Fact]
    public void NamesAreCutToTheCharactersAndLengthXRayAccepts()
    {
        Assert.Equal("GET /api/todos/_id_", XRaySubsegment.Name("GET /api/todos/{id}"));
        Assert.Equal("DynamoDB.PutItem @ä-1", XRaySubsegment.Name("DynamoDB.PutItem @ä-1"));
        Assert.Equal(200, XRaySubsegment.Name(new string('x', 300)).Length);
        Assert.Equal("span", XRaySubsegment.Name(""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WithoutADaemonAddressThereIsNoExporter(string? address) => Assert.Null(XRayExporter.Start(address, Silent));

    private static async Task<string> SendMarkerAsync(FakeXRayDaemon daemon)
    {
        var marker = FakeXRayDaemon.NewTrace();
        Assert.True(XRayTraceHeader.TryParse(marker.Header, out var sampled));
        using (Tracing.Source.StartActivity("Marker", ActivityKind.Internal, sampled))
        {
        }
        await daemon.WaitForAsync(marker.TraceId, _ => true);
        return marker.TraceId;
    }

    private static readonly Metrics Silent = new("xray-test", TextWriter.Null);
}
