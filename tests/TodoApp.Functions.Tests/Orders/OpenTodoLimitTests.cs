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
    public async Task EightOrdersRacingForTheLastFiveSlotsInOneBatchAcceptExactlyOne()
    {
        var harness = await OrderHarness.StartAsync();
        var userId = SharedSystem.NewUserId();
        await harness.AddOpenTodosAsync(userId, 495);
        var orders = new List<Order>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await harness.PendingOrderAsync(userId, items: 5));
        }
        using var function = harness.NewFunction();

        // One batch of 8: the handler processes its records concurrently.
        Assert.Empty(await OrderHarness.InvokeAsync(function, [.. orders.Select(o => OrderHarness.MessageFor(userId, o))]));

        var final = new List<Order>();
        foreach (var order in orders)
        {
            final.Add((await harness.Orders.GetAsync(userId, order.Id, default))!);
        }
        Assert.Single(final, o => o.Status == OrderStatus.Accepted);
        Assert.Equal(7, final.Count(o => o.Status == OrderStatus.Rejected));
        Assert.All(final.Where(o => o.Status == OrderStatus.Rejected), o =>
            Assert.Equal("A user may hold at most 500 open todos: you have 500 and this order would add 5.", o.Reason));
        Assert.Equal(500, (await harness.Todos.CountAsync(userId, default)).Active);
        Assert.Equal(500, (await harness.RecountAsync(userId)).Active);
    }
}
