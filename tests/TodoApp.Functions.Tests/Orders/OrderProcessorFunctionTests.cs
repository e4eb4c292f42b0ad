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
    public async Task RedeliveryAfterACrashBetweenTheTransactionAndTheQueueDeleteChangesNothing()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 5);
        var message = OrderHarness.MessageFor(userId, order);
        using var function = harness.NewFunction();

        // The invocation commits, then the process dies before Lambda deletes the message: the same
        // message comes back, to this environment or a fresh one, with a higher receive count.
        Assert.Empty(await OrderHarness.InvokeAsync(function, message));
        var orderBefore = await harness.Orders.GetAsync(userId, order.Id, default);
        var todosBefore = await harness.TodosAsync(userId);
        var countsBefore = await harness.Todos.CountAsync(userId, default);
        using var fresh = harness.NewFunction();
        Assert.Empty(await OrderHarness.InvokeAsync(fresh, message));

        var orderAfter = await harness.Orders.GetAsync(userId, order.Id, default);
        Assert.Equal((OrderStatus.Accepted, orderBefore!.UpdatedAt), (orderAfter!.Status, orderAfter.UpdatedAt));
        Assert.Equal(orderBefore.TodoIds, orderAfter.TodoIds);
        Assert.Equal(todosBefore.Select(t => (t.Id, t.Version, t.UpdatedAt)), (await harness.TodosAsync(userId)).Select(t => (t.Id, t.Version, t.UpdatedAt)));
        Assert.Equal(countsBefore, await harness.Todos.CountAsync(userId, default));
        Assert.Equal(new TodoApp.Core.Todos.TodoCounts(5, 5, 0), countsBefore);
    }
}
