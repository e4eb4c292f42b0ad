using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using TodoApp.Core.Observability;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Orders;

/// <summary>The Lambda trace header is a process environment variable: no other test may run beside these.</summary>
[CollectionDefinition(nameof(LambdaTraceEnvironment), DisableParallelization = true)]
public sealed class LambdaTraceEnvironment;

[Collection(nameof(LambdaTraceEnvironment))]
public sealed class OrderXRayTests
{
    [Fact]
    public async Task AnOrderProcessedUnderLambdasTraceReachesXRayAsSubsegmentsDownToEachDynamoDbCall()
    {
        var harness = await OrderHarness.StartAsync();
        var system = await SharedSystem.GetAsync();
        using var daemon = new FakeXRayDaemon();
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(system.App.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { [XRayExporter.DaemonAddressKey] = daemon.Address })
            .Build();
        using var function = new OrderProcessorFunction(FunctionHosts.Create(OrderProcessorFunction.ServiceName, configuration, new CapturedLogs().Factory));
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 2);
        // Only to learn the ids of this order's spans; the exporter samples for itself.
        using var spans = new SpanRecorder();
        var lambda = FakeXRayDaemon.NewTrace();

        Environment.SetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable, lambda.Header);
        try
        {
            await OrderHarness.InvokeAsync(function, OrderHarness.MessageFor(userId, order));
        }
        finally
        {
            Environment.SetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable, null);
        }

        var record = Assert.Single(spans.Stopped, a => a.OperationName == "ProcessOrder" && (string?)a.GetTagItem("order.id") == order.Id);
        var batchId = record.ParentSpanId.ToHexString();
        // The batch span stops last, and one socket sends in order: once it is there, all of it is.
        var documents = await daemon.WaitForAsync(lambda.TraceId, d => d.GetProperty("id").GetString() == batchId);
        var batch = Assert.Single(documents, d => d.GetProperty("id").GetString() == batchId);
        Assert.Equal("OrderProcessor", batch.GetProperty("name").GetString());
        Assert.Equal(lambda.Parent, batch.GetProperty("parent_id").GetString());
        var processOrder = Assert.Single(documents, d => d.GetProperty("id").GetString() == record.SpanId.ToHexString());
        Assert.Equal(batchId, processOrder.GetProperty("parent_id").GetString());

        var calls = documents.Where(d => d.GetProperty("parent_id").GetString() == record.SpanId.ToHexString()).ToList();
        Assert.True(calls.Count >= 2, string.Join("\n", calls));
        Assert.All(calls, c =>
        {
            Assert.Equal("DynamoDB", c.GetProperty("name").GetString());
            Assert.Equal("aws", c.GetProperty("namespace").GetString());
            Assert.Equal("subsegment", c.GetProperty("type").GetString());
            Assert.False(c.TryGetProperty("fault", out _));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("aws").GetProperty("request_id").GetString()));
        });
        var operations = calls.Select(c => c.GetProperty("aws").GetProperty("operation").GetString()).ToList();
        Assert.Contains("GetItem", operations);
        Assert.Contains("TransactWriteItems", operations);
    }
}
