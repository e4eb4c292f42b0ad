using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using TodoApp.Core.Data;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Orders;

/// <summary>Arranges PENDING orders straight in the table (no message is sent, so the local poller
/// stays out of the way) and invokes the handler with SQS events the way Lambda would.</summary>
internal sealed class OrderHarness(LocalSystem system)
{
    public OrderStore Orders { get; } = system.Services.GetRequiredService<OrderStore>();
    public TodoStore Todos { get; } = system.Services.GetRequiredService<TodoStore>();

    public static async Task<OrderHarness> StartAsync() => new(await SharedSystem.GetAsync());

    public OrderProcessorFunction NewFunction() =>
        new(FunctionHosts.Create(OrderProcessorFunction.ServiceName, system.App.Configuration));

    public async Task<Order> PendingOrderAsync(string userId, int items)
    {
        var lines = Enumerable.Range(1, items).Select(i => new OrderLine($"Item {i}", i)).ToArray();
        var (order, _) = await Orders.CreateAsync(userId, Ids.New(TimeProvider.System), new NewOrder("Test order", lines, null, null), CancellationToken.None);
        return order;
    }

    public static (string MessageId, string Body) MessageFor(string userId, Order order) =>
        (Guid.NewGuid().ToString(), new OrderMessage(order.Id, userId, "corr-" + order.Id).ToJson());

    /// <summary>Runs one invocation and returns the message ids the batch response lists as failed.</summary>
    public static async Task<string[]> InvokeAsync(OrderProcessorFunction function, params (string MessageId, string Body)[] messages)
    {
        var sqsEvent = new SqsEvent(messages.Select(m => new SqsMessage(m.MessageId, "handle-" + m.MessageId, m.Body,
            new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" }, null, null, null, "aws:sqs",
            "arn:aws:sqs:us-east-1:000000000000:OrdersQueue", "us-east-1")).ToArray());
        using var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(sqsEvent, SqsEventJsonContext.Default.SqsEvent));
        await using var output = await function.HandleAsync(input);
        var response = await JsonSerializer.DeserializeAsync(output, SqsEventJsonContext.Default.SqsBatchResponse);
        return response!.BatchItemFailures.Select(f => f.ItemIdentifier).ToArray();
    }

    public async Task<IReadOnlyList<Todo>> TodosAsync(string userId) =>
        (await Todos.ListAsync(userId, TodoStatusFilter.All, 100, null, CancellationToken.None)).Items;

    /// <summary>Fills a user's list with open todos, written as data that predates the summary item.</summary>
    public Task AddOpenTodosAsync(string userId, int count) =>
        SeedTodos.WriteOpenAsync(system.Services.GetRequiredService<IAmazonDynamoDB>(), LocalSystem.TableName, userId, count);

    /// <summary>What the table holds, counted item by item.</summary>
    public Task<TodoCounts> RecountAsync(string userId) =>
        SeedTodos.RecountAsync(system.Services.GetRequiredService<IAmazonDynamoDB>(), LocalSystem.TableName, userId);
}
