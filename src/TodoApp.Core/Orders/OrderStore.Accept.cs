using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Orders;

public enum AcceptOutcome
{
    Accepted,

    /// <summary>The order's todos would break a limit on the user's todos; <see cref="Acceptance.Counts"/> says where they stand.</summary>
    OverLimit,

    /// <summary>The order had already left PENDING: a duplicate delivery.</summary>
    AlreadyFinal,
}

public sealed record Acceptance(AcceptOutcome Outcome, TodoCounts? Counts = null);

public sealed partial class OrderStore
{
    /// <summary>
    /// Accepts a PENDING order in one transaction: its todos (each put only if absent), the user's
    /// summary (conditioned on the open-todo and total limits) and the order's move to ACCEPTED
    /// (conditioned on it still being PENDING). Either all of it happens or none, so two orders of one
    /// user racing for the last open slots cannot both get them, and a redelivery changes nothing. An
    /// order has at most <see cref="OrderRules.ItemsMax"/> lines, well inside a transaction's 100 items.
    /// </summary>
    public async Task<Acceptance> AcceptAsync(string userId, Order order, IReadOnlyList<Todo> todos, CancellationToken ct)
    {
        var items = new List<TransactWriteItem>(todos.Count + 2)
        {
            TodoSummary.Change(_table, userId, todos: todos.Count, open: todos.Count, maxTodos: TodoSummary.TodosMax, maxOpen: OrderRules.OpenTodosMax),
            new()
            {
                Update = new Update
                {
                    TableName = _table,
                    Key = OrderItem.Key(userId, order.Id),
                    UpdateExpression = $"SET #status = :accepted, todoIds = :todoIds, updatedAt = :now REMOVE {Keys.Gsi1PK}, {Keys.Gsi1SK}",
                    ConditionExpression = "#status = :pending",
                    ExpressionAttributeNames = new() { ["#status"] = "status" },
                    ExpressionAttributeValues = new()
                    {
                        [":accepted"] = S(Order.StatusName(OrderStatus.Accepted)),
                        [":pending"] = S(Order.StatusName(OrderStatus.Pending)),
                        [":todoIds"] = List(todos.Select(t => t.Id)),
                        [":now"] = Time(clock.GetUtcNow()),
                    },
                },
            },
        };
        items.AddRange(todos.Select(todo => new TransactWriteItem
        {
            Put = new Put { TableName = _table, Item = TodoItem.ToItem(userId, todo, $"order:{order.Id}"), ConditionExpression = "attribute_not_exists(PK)" },
        }));
        var request = new TransactWriteItemsRequest { TransactItems = items, ClientRequestToken = AcceptToken(order.Id) };
        IReadOnlyList<CancellationReason>? reasons;
        try
        {
            reasons = await TodoSummary.WriteAsync(dynamo, _table, userId, request, summaryIndex: 0, ct);
        }
        catch (IdempotentParameterMismatchException)
        {
            // The token already committed this order's acceptance, from another delivery of the same
            // message (its timestamps differ from ours): ours is the duplicate.
            return new Acceptance(AcceptOutcome.AlreadyFinal);
        }
        if (reasons is null)
        {
            return new Acceptance(AcceptOutcome.Accepted);
        }
        if (reasons.FailedCondition(1))
        {
            return new Acceptance(AcceptOutcome.AlreadyFinal);
        }
        if (reasons.OldItem(0) is { } summary)
        {
            return new Acceptance(AcceptOutcome.OverLimit, TodoSummary.Read(summary));
        }
        throw new InvalidOperationException($"Accepting order {order.Id} was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
    }

    /// <summary>
    /// DynamoDB answers a repeat of a committed transaction with the same token (within ten minutes)
    /// as a success without writing again: an SDK retry after a lost response then reports ACCEPTED,
    /// not a duplicate. At most 36 characters, so a hash of the order id.
    /// </summary>
    private static string AcceptToken(string orderId) =>
        "accept-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderId)))[..29];
}
