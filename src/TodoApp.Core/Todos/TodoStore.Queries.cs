using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Todos;

/// <summary>The read side: newest-first pages (optionally filtered by status) and counts.</summary>
public sealed partial class TodoStore
{
    public async Task<TodoPage> ListAsync(string userId, TodoStatusFilter filter, int limit, string? afterTodoId, CancellationToken ct)
    {
        var items = new List<Todo>(limit);
        var startKey = afterTodoId is null ? null : Key(userId, afterTodoId);
        for (var page = 0; page < MaxPagesPerList; page++)
        {
            var response = await dynamo.QueryAsync(ListRequest(userId, filter, limit - items.Count, startKey), ct);
            foreach (var item in response.Items ?? [])
            {
                items.Add(TodoItem.FromItem(item));
            }
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            if (startKey is null || items.Count >= limit)
            {
                break;
            }
        }
        // The cursor is the last key DynamoDB evaluated: with a filter that can lie past the last
        // returned item, and a page may then be short, but it never skips or repeats an item.
        var cursor = startKey is null ? null : TodoCursor.Encode(userId, filter, startKey[Keys.SK].S[Keys.TodoPrefix.Length..]);
        return new TodoPage(items, cursor);
    }

    /// <summary>
    /// The todos an order created, in line order. Their ids are derived from the order id
    /// (<see cref="Orders.Order.TodoIdFor"/>), so one key-prefix query finds them all; generated ids
    /// contain no '-', so no other todo can share the prefix.
    /// </summary>
    public async Task<IReadOnlyList<Todo>> ListForOrderAsync(string userId, string orderId, CancellationToken ct)
    {
        var items = new List<Todo>();
        await foreach (var item in dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
            FilterExpression = "#type = :todo",
            ExpressionAttributeNames = new() { ["#type"] = "type" },
            ExpressionAttributeValues = new()
            {
                [":pk"] = S(Keys.User(userId)),
                [":prefix"] = S(Keys.Todo($"{orderId}-")),
                [":todo"] = S(TodoItem.Type),
            },
            ConsistentRead = true,
        }, ct))
        {
            items.Add(TodoItem.FromItem(item));
        }
        return items;
    }

    /// <summary>The user's counts: one read of the summary item, however many todos there are.</summary>
    public Task<TodoCounts> CountAsync(string userId, CancellationToken ct) => TodoSummary.ReadAsync(dynamo, _table, userId, ct);

    private QueryRequest ListRequest(string userId, TodoStatusFilter filter, int limit, Dictionary<string, AttributeValue>? startKey)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":pk"] = S(Keys.User(userId)),
            [":prefix"] = S(Keys.TodoPrefix),
            [":todo"] = S(TodoItem.Type),
        };
        var filterExpression = "#type = :todo";
        if (filter != TodoStatusFilter.All)
        {
            values[":completed"] = Bool(filter == TodoStatusFilter.Completed);
            filterExpression += " AND completed = :completed";
        }
        return new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
            FilterExpression = filterExpression,
            ExpressionAttributeNames = new() { ["#type"] = "type" },
            ExpressionAttributeValues = values,
            ScanIndexForward = false,
            ConsistentRead = true,
            Limit = limit,
            ExclusiveStartKey = startKey,
        };
    }
}
