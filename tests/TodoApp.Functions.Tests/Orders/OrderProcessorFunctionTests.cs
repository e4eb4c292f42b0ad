using TodoApp.Core.Orders;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Orders;

public sealed class OrderProcessorFunctionTests
{
    [Fact]
    public async Task PendingOrderBecomesAcceptedWithOneLabelledTodoPerItem()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 3);
        using var function = harness.NewFunction();
        Assert.Contains(await harness.Orders.ListPendingAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, default), p => p.OrderId == order.Id);

        var failures = await OrderHarness.InvokeAsync(function, OrderHarness.MessageFor(userId, order));

        Assert.Empty(failures);
        var stored = await harness.Orders.GetAsync(userId, order.Id, default);
        Assert.Equal(OrderStatus.Accepted, stored!.Status);
        var todos = await harness.TodosAsync(userId);
        Assert.Equal(stored.TodoIds.Order(), todos.Select(t => t.Id).Order());
        Assert.All(todos, t => Assert.Equal(["order"], t.Labels));
        Assert.Contains(todos, t => t.Title == "Item 2" && t.Notes!.StartsWith("Quantity: 2", StringComparison.Ordinal));
        // Leaving PENDING also leaves the sparse index the cleanup job reads.
        Assert.DoesNotContain(await harness.Orders.ListPendingAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, default), p => p.OrderId == order.Id);
    }

    [Fact]
    public async Task DuplicateDeliveryCreatesTheTodosOnce()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 4);
        var message = OrderHarness.MessageFor(userId, order);
        using var function = harness.NewFunction();

        // The same message twice in one batch (processed concurrently), then once more later.
        Assert.Empty(await OrderHarness.InvokeAsync(function, message, (Guid.NewGuid().ToString(), message.Body)));
        var afterFirst = await harness.Orders.GetAsync(userId, order.Id, default);
        Assert.Empty(await OrderHarness.InvokeAsync(function, message));

        var after = await harness.Orders.GetAsync(userId, order.Id, default);
        Assert.Equal(OrderStatus.Accepted, after!.Status);
        Assert.Equal(afterFirst!.UpdatedAt, after.UpdatedAt);
        Assert.Equal(4, (await harness.TodosAsync(userId)).Count);
    }

    [Fact]
    public async Task OneBadMessageFailsOnlyItselfAndTheRestOfTheBatchIsDone()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        var first = await harness.PendingOrderAsync(userId, items: 2);
        var second = await harness.PendingOrderAsync(userId, items: 1);
        var malformed = (Guid.NewGuid().ToString(), "{\"orderId\":");
        var wrongShape = (Guid.NewGuid().ToString(), "{\"orderId\":\"../etc\",\"userId\":\"x\"}");
        var unknown = (Guid.NewGuid().ToString(), new OrderMessage("0000000000000000000000000000dead", userId, null).ToJson());
        using var function = harness.NewFunction();

        var failures = await OrderHarness.InvokeAsync(function,
            OrderHarness.MessageFor(userId, first), malformed, unknown, wrongShape, OrderHarness.MessageFor(userId, second));

        Assert.Equal(new[] { malformed.Item1, unknown.Item1, wrongShape.Item1 }.Order(), failures.Order());
        Assert.Equal(OrderStatus.Accepted, (await harness.Orders.GetAsync(userId, first.Id, default))!.Status);
        Assert.Equal(OrderStatus.Accepted, (await harness.Orders.GetAsync(userId, second.Id, default))!.Status);
        Assert.Equal(3, (await harness.TodosAsync(userId)).Count);
    }

    [Fact]
    public async Task CrashAfterSomeTodosIsCompletedByTheRedeliveryWithoutDuplicates()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 5);
        var message = OrderHarness.MessageFor(userId, order);
        using var crashing = harness.NewFunction((_, written) =>
        {
            if (written == 2)
            {
                throw new InvalidOperationException("Injected crash after 2 todo writes.");
            }
        });

        Assert.Equal([message.MessageId], await OrderHarness.InvokeAsync(crashing, message));
        Assert.Equal(OrderStatus.Pending, (await harness.Orders.GetAsync(userId, order.Id, default))!.Status);
        Assert.Equal(2, (await harness.TodosAsync(userId)).Count);

        using var healthy = harness.NewFunction();
        Assert.Empty(await OrderHarness.InvokeAsync(healthy, message));

        var accepted = await harness.Orders.GetAsync(userId, order.Id, default);
        Assert.Equal(OrderStatus.Accepted, accepted!.Status);
        var todos = await harness.TodosAsync(userId);
        Assert.Equal(5, todos.Count);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Order.TodoIdFor(order.Id, i)), todos.Select(t => t.Id).Order());
        Assert.Equal(accepted.TodoIds, todos.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task CrashMidBatchIsCompletedByRedeliveryOfTheFailedMessagesEveryOrderAcceptedOnceWithExactlyItsTodos()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        var orders = new List<Order>();
        foreach (var items in new[] { 3, 4, 2, 5, 1 })
        {
            orders.Add(await harness.PendingOrderAsync(userId, items));
        }
        var messages = orders.Select(o => OrderHarness.MessageFor(userId, o)).ToArray();
        var written = 0;
        // The process "dies" after the 6th todo write of the batch: every later write fails as well. The
        // records run concurrently, so the crash lands in the middle of some orders and before others.
        using var crashing = harness.NewFunction((_, _) =>
        {
            if (Interlocked.Increment(ref written) > 6)
            {
                throw new InvalidOperationException("Injected crash after 6 todo writes.");
            }
        });

        var failed = await OrderHarness.InvokeAsync(crashing, messages);

        Assert.NotEmpty(failed);
        // The hook runs after a write: each order still writing when the process "died" landed one more.
        Assert.InRange((await harness.TodosAsync(userId)).Count, 7, 6 + orders.Count);
        foreach (var (order, message) in orders.Zip(messages))
        {
            var status = (await harness.Orders.GetAsync(userId, order.Id, default))!.Status;
            Assert.Equal(failed.Contains(message.MessageId) ? OrderStatus.Pending : OrderStatus.Accepted, status);
        }

        // Lambda redelivers only the messages the batch response listed.
        using var healthy = harness.NewFunction();
        Assert.Empty(await OrderHarness.InvokeAsync(healthy, [.. messages.Where(m => failed.Contains(m.MessageId))]));
        var afterRedelivery = new Dictionary<string, Order>();
        foreach (var order in orders)
        {
            afterRedelivery[order.Id] = (await harness.Orders.GetAsync(userId, order.Id, default))!;
        }
        // A late duplicate of the whole batch changes nothing: each order was accepted exactly once.
        Assert.Empty(await OrderHarness.InvokeAsync(healthy, messages));

        var todos = (await harness.TodosAsync(userId)).Select(t => t.Id).ToList();
        Assert.Equal(todos.Count, todos.Distinct().Count());
        Assert.Equal(orders.SelectMany(o => Enumerable.Range(0, o.Items.Count).Select(i => Order.TodoIdFor(o.Id, i))).Order(), todos.Order());
        foreach (var order in orders)
        {
            var final = (await harness.Orders.GetAsync(userId, order.Id, default))!;
            Assert.Equal(OrderStatus.Accepted, final.Status);
            Assert.Equal(afterRedelivery[order.Id].UpdatedAt, final.UpdatedAt);
            Assert.Equal(Enumerable.Range(0, order.Items.Count).Select(i => Order.TodoIdFor(order.Id, i)), final.TodoIds.Order());
        }
    }
}
