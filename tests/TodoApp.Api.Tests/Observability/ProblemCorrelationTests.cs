using System.Net;
using Microsoft.AspNetCore.Builder;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Observability;

public sealed class ProblemCorrelationTests
{
    [Fact]
    public async Task AnUnhandledExceptionIsLoggedAndAnsweredWithTheRequestsCorrelationId()
    {
        await using var api = await ApiHost.StartAsync(mapExtra: app => app.MapGet("/boom", string () => throw new InvalidOperationException("a bug")));
        using var client = api.Client(SharedSystem.NewUserId());
        var correlationId = "boom-" + Guid.NewGuid().ToString("N");

        using var response = await SendAsync(client, "boom", correlationId);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(correlationId, Header(response));
        var problem = await response.ProblemAsync();
        Assert.Equal(correlationId, problem["correlationId"]!.GetValue<string>());
        var line = Assert.Single(api.Logs.LinesWith("message", "Unhandled exception"));
        Assert.Equal(correlationId, line.GetProperty("correlation_id").GetString());
        Assert.Equal(problem["traceId"]!.GetValue<string>(), line.GetProperty("trace_id").GetString());
        Assert.True(line.TryGetProperty("cold_start", out _));
    }

    [Fact]
    public async Task ADatabaseOutageIsA503WhoseLineAndAnswerCarryTheCorrelationId()
    {
        // Nothing listens on port 1: every DynamoDB call fails to connect, as during an outage.
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Aws:DynamoDbServiceUrl"] = "http://127.0.0.1:1", ["Aws:MaxRetries"] = "0" });
        using var client = api.Client(SharedSystem.NewUserId());
        var correlationId = "outage-" + Guid.NewGuid().ToString("N");

        using var response = await SendAsync(client, "api/todos", correlationId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(correlationId, Header(response));
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal(correlationId, (await response.ProblemAsync())["correlationId"]!.GetValue<string>());
        var line = Assert.Single(api.Logs.Lines(), l => l.GetProperty("message").GetString()!.StartsWith("Dependency unavailable", StringComparison.Ordinal));
        Assert.Equal(correlationId, line.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public async Task AFrameworkNotFoundAnswerCarriesTheCorrelationIdToo()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var correlationId = "missing-" + Guid.NewGuid().ToString("N");

        using var response = await SendAsync(client, "api/no-such-thing", correlationId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(correlationId, Header(response));
        Assert.Equal(correlationId, (await response.ProblemAsync())["correlationId"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-correlation-id", correlationId);
        request.Headers.Add("Accept", "application/json");
        return client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-correlation-id", out var values) ? values.Single() : null;
}
