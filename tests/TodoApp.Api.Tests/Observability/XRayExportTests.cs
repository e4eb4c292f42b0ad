using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Core.Observability;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Observability;

/// <summary>An API of its own, composed as deployed, told (as Lambda would) where the X-Ray daemon is.</summary>
public sealed class XRayExportTests
{
    [Fact]
    public async Task ARequestUnderTheLambdaWebAdaptersTraceHeaderReachesXRayWithItsDynamoDbWrite()
    {
        using var daemon = new FakeXRayDaemon();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { [XRayExporter.DaemonAddressKey] = daemon.Address });
        using var client = api.Client(SharedSystem.NewUserId());
        var lambda = FakeXRayDaemon.NewTrace();

        using var response = await SendAsync(client, lambda.Header, HttpMethod.Post, "api/todos", new { title = "Traced" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var documents = await daemon.WaitForAsync(lambda.TraceId, IsRequest);
        var request = Assert.Single(documents, IsRequest);
        Assert.Equal(lambda.Parent, request.GetProperty("parent_id").GetString());
        Assert.Equal("POST", request.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.Equal("/api/todos", request.GetProperty("http").GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(201, request.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.StartsWith("POST /api/todos", request.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.False(request.TryGetProperty("namespace", out _));
        var put = Assert.Single(documents, d => Operation(d) == "PutItem");
        Assert.Equal(request.GetProperty("id").GetString(), put.GetProperty("parent_id").GetString());
        Assert.Equal("DynamoDB", put.GetProperty("name").GetString());
        Assert.Equal("aws", put.GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task AStalePatchIsAClientErrorInXRayNotAFault()
    {
        using var daemon = new FakeXRayDaemon();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { [XRayExporter.DaemonAddressKey] = daemon.Address });
        using var client = api.Client(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Versioned");
        (await client.PatchJsonAsync($"/api/todos/{todo["id"]}", """{"notes":"one"}""", "\"1\"")).EnsureSuccessStatusCode();
        var lambda = FakeXRayDaemon.NewTrace();

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/todos/{todo["id"]}") { Content = JsonContent.Create(new { notes = "two" }) };
        request.Headers.Add("x-amzn-trace-id", lambda.Header);
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var stale = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var documents = await daemon.WaitForAsync(lambda.TraceId, IsRequest);
        var answer = Assert.Single(documents, IsRequest);
        Assert.True(answer.GetProperty("error").GetBoolean());
        Assert.False(answer.TryGetProperty("fault", out _));
        Assert.Equal(412, answer.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        // DynamoDB refused the conditional write with a 400: the caller's error too, not DynamoDB's fault.
        var update = Assert.Single(documents, d => Operation(d) == "UpdateItem");
        Assert.Equal(answer.GetProperty("id").GetString(), update.GetProperty("parent_id").GetString());
        Assert.True(update.GetProperty("error").GetBoolean());
        Assert.False(update.TryGetProperty("fault", out _));
    }

    [Fact]
    public async Task ARequestXRayDidNotSampleSendsNothing()
    {
        using var daemon = new FakeXRayDaemon();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { [XRayExporter.DaemonAddressKey] = daemon.Address });
        using var client = api.Client(SharedSystem.NewUserId());
        var unsampled = FakeXRayDaemon.NewTrace(sampled: false);
        var sampled = FakeXRayDaemon.NewTrace();

        using var first = await SendAsync(client, unsampled.Header, HttpMethod.Post, "api/todos", new { title = "Not traced" });
        using var second = await SendAsync(client, sampled.Header, HttpMethod.Get, "api/todos", null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // The same exporter sends both in order: once the second request is in, the first would be too.
        await daemon.WaitForAsync(sampled.TraceId, IsRequest);
        Assert.Empty(daemon.Documents(unsampled.TraceId));
    }

    [Fact]
    public async Task LambdasTraceHeaderWinsOverACallersTraceparent()
    {
        using var daemon = new FakeXRayDaemon();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { [XRayExporter.DaemonAddressKey] = daemon.Address });
        using var client = api.Client(SharedSystem.NewUserId());
        var lambda = FakeXRayDaemon.NewTrace();
        var callers = ActivityTraceId.CreateRandom().ToHexString();

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/todos");
        request.Headers.Add("x-amzn-trace-id", lambda.Header);
        request.Headers.Add("traceparent", $"00-{callers}-00f067aa0ba902b7-01");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.Single(await daemon.WaitForAsync(lambda.TraceId, IsRequest), IsRequest);
        Assert.Equal(lambda.Parent, answer.GetProperty("parent_id").GetString());
        Assert.Empty(daemon.Documents($"1-{callers[..8]}-{callers[8..]}"));
    }

    private static bool IsRequest(JsonElement document) =>
        document.TryGetProperty("http", out var http) && http.TryGetProperty("request", out _);

    private static string? Operation(JsonElement document) =>
        document.TryGetProperty("aws", out var aws) ? aws.GetProperty("operation").GetString() : null;

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string traceHeader, HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("x-amzn-trace-id", traceHeader);
        return client.SendAsync(request);
    }
}
