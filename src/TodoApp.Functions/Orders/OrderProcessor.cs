using Microsoft.Extensions.Logging;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;

namespace TodoApp.Functions.Orders;

public enum OrderOutcome
{
    Accepted,
    Rejected,

    /// <summary>The order had already left PENDING: a duplicate delivery, acknowledged without effect.</summary>
    AlreadyFinal,
    UnknownOrder,
}

/// <summary>
/// Turns one order into todos. Every step is safe to repeat: todo ids are derived from the order id
/// and line index and written with a conditional put, and the order leaves PENDING last, with a
/// conditional update. A crash anywhere is completed by the next delivery without duplicates.
/// </summary>
/// <param name="afterTodoWritten">Called after each todo write with the number written so far; the
/// fault-injection seam tests use to crash an order midway. Null in production.</param>
public sealed partial class OrderProcessor(
    OrderStore orders, TodoStore todos, TimeProvider clock, ILogger<OrderProcessor> logger, Action<string, int>? afterTodoWritten = null)
{
    public const string TodoLabel = "order";

    public async Task<OrderOutcome> ProcessAsync(OrderMessage message, CancellationToken ct)
    {
        var order = await orders.GetAsync(message.UserId, message.OrderId, ct);
        if (order is null)
        {
            LogUnknown(logger, message.OrderId);
            return OrderOutcome.UnknownOrder;
        }
        if (order.Status != OrderStatus.Pending)
        {
            LogAlreadyFinal(logger, order.Id, order.Status);
            return OrderOutcome.AlreadyFinal;
        }
        // Once the first todo exists an earlier delivery admitted the order: finish it, do not judge
        // it again against a count that already includes its own todos.
        var admitted = await todos.GetAsync(message.UserId, Order.TodoIdFor(order.Id, 0), ct) is not null;
        if (!admitted)
        {
            var open = (await todos.CountAsync(message.UserId, ct)).Active;
            if (open + order.Items.Count > OrderRules.OpenTodosMax)
            {
                var reason = OrderRules.RejectionReason(open, order.Items.Count);
                if (await orders.FinishAsync(message.UserId, order.Id, OrderStatus.Rejected, reason, [], ct))
                {
                    LogRejected(logger, order.Id, open, order.Items.Count);
                }
                return OrderOutcome.Rejected;
            }
        }
        var todoIds = new List<string>(order.Items.Count);
        for (var i = 0; i < order.Items.Count; i++)
        {
            var todo = ToTodo(order, i);
            await todos.PutIfAbsentAsync(message.UserId, todo, origin: $"order:{order.Id}", ct);
            todoIds.Add(todo.Id);
            afterTodoWritten?.Invoke(order.Id, i + 1);
        }
        if (await orders.FinishAsync(message.UserId, order.Id, OrderStatus.Accepted, null, todoIds, ct))
        {
            LogAccepted(logger, order.Id, todoIds.Count);
            return OrderOutcome.Accepted;
        }
        return OrderOutcome.AlreadyFinal;
    }

    private Todo ToTodo(Order order, int index)
    {
        var line = order.Items[index];
        var now = clock.GetUtcNow();
        var notes = $"Quantity: {line.Quantity}\nFrom order \"{order.Title}\" ({order.Id}), line {index + 1} of {order.Items.Count}.";
        if (order.Notes is { Length: > 0 } orderNotes)
        {
            notes += "\n\n" + orderNotes;
        }
        // OrderRules.NotesMax leaves room for the header; the cut only guards against a future change of limits.
        notes = notes.Length > TodoRules.NotesMax ? notes[..TodoRules.NotesMax] : notes;
        return new Todo(Order.TodoIdFor(order.Id, index), line.Description, notes, false, order.DueDate, [TodoLabel], now, now, null, 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} accepted with {TodoCount} todos")]
    private static partial void LogAccepted(ILogger logger, string orderId, int todoCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} rejected: {OpenTodos} open todos plus {ItemCount} items exceed the limit")]
    private static partial void LogRejected(ILogger logger, string orderId, int openTodos, int itemCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is already {Status}; message acknowledged without effect")]
    private static partial void LogAlreadyFinal(ILogger logger, string orderId, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} does not exist")]
    private static partial void LogUnknown(ILogger logger, string orderId);
}
