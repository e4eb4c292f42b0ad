using System.Diagnostics;
using TodoApp.Core.Observability;
using TodoApp.Core.Orders;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Orders;

public sealed class OrderTracingTests
{
    [Fact]
    public async Task DynamoDbCallsMadeWhileProcessingAnOrderAreChildSpansOfItsRecordSpan()
    {
        var harness = await OrderHarness.StartAsync();
        var system = await SharedSystem.GetAsync();
        var logs = new CapturedLogs();
        using var function = new OrderProcessorFunction(FunctionHosts.Create(OrderProcessorFunction.ServiceName, system.App.Configuration, logs.Factory));
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 2);
        using var spans = new SpanRecorder();

        await OrderHarness.InvokeAsync(function, OrderHarness.MessageFor(userId, order));

        var record = Assert.Single(spans.Stopped, a => a.OperationName == "ProcessOrder" && (string?)a.GetTagItem("order.id") == order.Id);
        var batch = Assert.Single(spans.Stopped, a => a.SpanId == record.ParentSpanId);
        Assert.Equal("OrderProcessor", batch.OperationName);
        var sdkCalls = spans.Stopped.Where(a => a.TraceId == record.TraceId && a.ParentSpanId == record.SpanId && a.Kind == ActivityKind.Client).ToList();
        // GetItem for the order, TransactWriteItems to accept it (for a new user, also the summary's build).
        Assert.Contains(sdkCalls, a => a.DisplayName.Contains("GetItem", StringComparison.Ordinal));
        Assert.Contains(sdkCalls, a => a.DisplayName.Contains("TransactWriteItems", StringComparison.Ordinal));

        var accepted = Assert.Single(logs.Lines(), l => l.GetProperty("message").GetString() == $"Order {order.Id} accepted with 2 todos");
        Assert.Equal(record.TraceId.ToHexString(), accepted.GetProperty("trace_id").GetString());
        Assert.Equal("corr-" + order.Id, accepted.GetProperty("correlation_id").GetString());
        Assert.False(accepted.TryGetProperty("xray_trace_id", out _)); // not on Lambda: left out, not null
    }
}
