using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TodoApp.Api.Orders;
using TodoApp.Api.Tests.Orders;
using TodoApp.Core.Aws;
using TodoApp.Core.Orders;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Observability;

public sealed class CorrelationTests
{
    [Fact]
    public async Task AnOrdersCorrelationIdReachesTheResponseTheStoredOrderAndTheProcessorsLines()
    {
        var system = await SharedSystem.GetAsync();
        using var logs = await SharedSystem.CaptureLogsAsync();
        var userId = SharedSystem.NewUserId();
        using var client = system.ClientFor(userId);
        var correlationId = "order-action-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = JsonContent.Create(new { title = "Traced", items = new[] { new { description = "One", quantity = 1 } } }),
        };
        request.Headers.Add("x-correlation-id", correlationId);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(correlationId, response.Headers.GetValues("x-correlation-id").Single());
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("ACCEPTED", (await OrdersClient.WaitUntilFinalAsync(client, orderId)).GetProperty("status").GetString());
        var stored = await system.Services.GetRequiredService<OrderStore>().GetAsync(userId, orderId, default);
        Assert.Equal(correlationId, stored!.CorrelationId);
        var lines = await Eventually.UntilAsync(() => logs.LinesWith("correlation_id", correlationId), ls => ls.Any(IsProcessorLine));
        Assert.Contains(lines, l => l.GetProperty("message").GetString() == $"Order {orderId} placed with 1 items");
        var processed = Assert.Single(lines, l => l.GetProperty("message").GetString() == $"Order {orderId} accepted with 1 todos");
        Assert.Equal("TodoApp.Functions.Orders.OrderProcessor", processed.GetProperty("logger").GetString());
        Assert.True(processed.TryGetProperty("function_request_id", out _)); // the SQS message id
    }

    [Fact]
    public async Task TheOrderMessageCarriesTheCorrelationIdAsAMessageAttribute()
    {
        var system = await SharedSystem.GetAsync();
        using var sqs = AwsClients.Sqs(system.Aws);
        var queueUrl = (await sqs.CreateQueueAsync($"correlation-{Guid.NewGuid():N}")).QueueUrl;
        try
        {
            var sender = new OrderSender(sqs, Options.Create(new OrdersOptions { QueueUrl = queueUrl }), TimeProvider.System, NullLogger<OrderSender>.Instance);

            Assert.True(await sender.SendAsync(new OrderMessage("0190a0b1-0000-7000-8000-000000000001", "u-1", "browser-click-7"), default));

            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MessageAttributeNames = ["All"], WaitTimeSeconds = 1 });
            Assert.Equal("browser-click-7", Assert.Single(received.Messages).MessageAttributes[OrderMessage.CorrelationAttribute].StringValue);
        }
        finally
        {
            await sqs.DeleteQueueAsync(queueUrl);
        }
    }

    [Fact]
    public async Task RequestLinesCarryTheTraceIdTheCallerSentInTraceparent()
    {
        var system = await SharedSystem.GetAsync();
        using var logs = await SharedSystem.CaptureLogsAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var traceId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/todos") { Content = JsonContent.Create(new { title = "Traced todo" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await client.SendAsync(request);

        var todoId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var created = Assert.Single(logs.LinesWith("message", $"Todo {todoId} created"));
        Assert.Equal(traceId, created.GetProperty("trace_id").GetString());
        Assert.Equal(response.Headers.GetValues("x-correlation-id").Single(), created.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public async Task WithoutTraceparentTheLambdaWebAdaptersXrayHeaderGivesTheTraceId()
    {
        var system = await SharedSystem.GetAsync();
        using var logs = await SharedSystem.CaptureLogsAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var random = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/todos") { Content = JsonContent.Create(new { title = "X-Ray traced" }) };
        request.Headers.Add("x-amzn-trace-id", $"Root=1-{random[..8]}-{random[8..]};Parent=53995c3f42cd8ad8;Sampled=1");

        using var response = await client.SendAsync(request);

        var todoId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var created = Assert.Single(logs.LinesWith("message", $"Todo {todoId} created"));
        Assert.Equal(random, created.GetProperty("trace_id").GetString());
    }

    private static bool IsProcessorLine(JsonElement line) => line.GetProperty("logger").GetString()!.StartsWith("TodoApp.Functions.Orders", StringComparison.Ordinal);
}
