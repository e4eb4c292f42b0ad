using TodoApp.Core.Orders;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Orders;

public sealed class OpenTodoLimitTests
{
    [Fact]
    public async Task OrderThatWouldExceedFiveHundredOpenTodosIsRejectedAndOneThatFitsIsAccepted()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        await harness.AddOpenTodosAsync(userId, 498);
        var tooBig = await harness.PendingOrderAsync(userId, items: 3);
        var fits = await harness.PendingOrderAsync(userId, items: 2);
        using var function = harness.NewFunction();

        Assert.Empty(await OrderHarness.InvokeAsync(function, OrderHarness.MessageFor(userId, tooBig)));
        Assert.Empty(await OrderHarness.InvokeAsync(function, OrderHarness.MessageFor(userId, fits)));

        var rejected = await harness.Orders.GetAsync(userId, tooBig.Id, default);
        Assert.Equal(OrderStatus.Rejected, rejected!.Status);
        Assert.Contains("at most 500 open todos", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(rejected.TodoIds);
        Assert.Equal(OrderStatus.Accepted, (await harness.Orders.GetAsync(userId, fits.Id, default))!.Status);
        Assert.Equal(500, (await harness.Todos.CountAsync(userId, default)).Active);
    }

    [Fact]
    public async Task RedeliveryAfterACrashIsNotRejectedBecauseOfTheOrdersOwnTodos()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        await harness.AddOpenTodosAsync(userId, 497);
        var order = await harness.PendingOrderAsync(userId, items: 3);
        var message = OrderHarness.MessageFor(userId, order);
        using var crashing = harness.NewFunction((_, written) =>
        {
            if (written == 2)
            {
                throw new InvalidOperationException("Injected crash after 2 todo writes.");
            }
        });
        Assert.Single(await OrderHarness.InvokeAsync(crashing, message));

        // 499 open now: judged again, 499 + 3 would exceed the limit, but the order was admitted already.
        using var healthy = harness.NewFunction();
        Assert.Empty(await OrderHarness.InvokeAsync(healthy, message));

        Assert.Equal(OrderStatus.Accepted, (await harness.Orders.GetAsync(userId, order.Id, default))!.Status);
        Assert.Equal(500, (await harness.Todos.CountAsync(userId, default)).Active);
    }
}
