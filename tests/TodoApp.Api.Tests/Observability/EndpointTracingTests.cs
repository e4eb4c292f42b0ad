using System.Diagnostics;
using System.Net.Http.Json;
using TodoApp.Core.Observability;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Observability;

public sealed class EndpointTracingTests
{
    [Fact]
    public async Task TheDynamoDbWriteOfACreatedTodoIsAChildSpanOfItsRequest()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        using var spans = new SpanRecorder();
        var traceId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/todos") { Content = JsonContent.Create(new { title = "Spanned" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        // The request activity stops as the answer completes, which may be just after the client has it.
        var stopped = await Eventually.UntilAsync(() => spans.Stopped.Where(a => a.TraceId.ToHexString() == traceId).ToArray(),
            s => s.Any(a => a.Source.Name == Tracing.AspNetCoreSourceName));
        var endpoint = Assert.Single(stopped, a => a.Source.Name == Tracing.AspNetCoreSourceName);
        Assert.Equal("00f067aa0ba902b7", endpoint.ParentSpanId.ToHexString());
        var put = Assert.Single(spans.Stopped, a => a.TraceId.ToHexString() == traceId && a.DisplayName.Contains("PutItem", StringComparison.Ordinal));
        Assert.Equal(endpoint.SpanId, put.ParentSpanId);
        Assert.Equal(ActivityKind.Client, put.Kind);
    }
}
