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
/// Turns one order into todos with one transaction (<see cref="OrderStore.AcceptAsync"/>): the todos,
/// the user's counts and the order's move out of PENDING commit together or not at all. The limit
/// on open todos is a condition in that transaction, not a count read beforehand, so orders racing
/// for the last slots are judged one after the other, and a redelivered message changes nothing.
/// </summary>
public sealed partial class OrderProcessor(OrderStore orders, TimeProvider clock, ILogger<OrderProcessor> logger)
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
        var todos = Enumerable.Range(0, order.Items.Count).Select(i => ToTodo(order, i)).ToArray();
        var acceptance = await orders.AcceptAsync(message.UserId, order, todos, ct);
        switch (acceptance.Outcome)
        {
            case AcceptOutcome.Accepted:
                LogAccepted(logger, order.Id, todos.Length);
                return OrderOutcome.Accepted;
            case AcceptOutcome.OverLimit:
                var counts = acceptance.Counts!;
                var reason = OrderRules.RejectionReason(counts, todos.Length);
                if (await orders.FinishAsync(message.UserId, order.Id, OrderStatus.Rejected, reason, [], ct))
                {
                    LogRejected(logger, order.Id, counts.Active, counts.All, todos.Length);
                    return OrderOutcome.Rejected;
                }
                return OrderOutcome.AlreadyFinal;
            default:
                LogFinishedMeanwhile(logger, order.Id);
                return OrderOutcome.AlreadyFinal;
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} rejected: {OpenTodos} open of {Todos} todos plus {ItemCount} items exceed a limit")]
    private static partial void LogRejected(ILogger logger, string orderId, int openTodos, int todos, int itemCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is already {Status}; message acknowledged without effect")]
    private static partial void LogAlreadyFinal(ILogger logger, string orderId, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was finished by another delivery meanwhile; message acknowledged without effect")]
    private static partial void LogFinishedMeanwhile(ILogger logger, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} does not exist")]
    private static partial void LogUnknown(ILogger logger, string orderId);
}
