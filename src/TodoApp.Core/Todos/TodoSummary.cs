using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Todos;

/// <summary>
/// The per-user summary item (<c>PK=USER#{userId}</c>, <c>SK=SUMMARY</c>): how many todos the user has
/// and how many are open. Every write that changes either number changes it in the same transaction,
/// conditioned on the item existing (and, for writes that add todos, on the limits), so the counts
/// and the limits hold however many clients race.
/// </summary>
public static class TodoSummary
{
    public const string SortKey = "SUMMARY";
    public const string Type = "Summary";
    public const string TodoCount = "todoCount";
    public const string OpenCount = "openCount";

    /// <summary>How many todos one user may hold, open or completed.</summary>
    public const int TodosMax = 10_000;

    public static Dictionary<string, AttributeValue> Key(string userId) => new(2)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(SortKey),
    };

    /// <summary>
    /// The summary's part of a transaction: add <paramref name="todos"/> and <paramref name="open"/>
    /// (either may be negative). With <paramref name="maxTodos"/> or <paramref name="maxOpen"/> the
    /// transaction fails unless the counts stay within them; ALL_OLD then tells the caller the counts.
    /// </summary>
    public static TransactWriteItem Change(string table, string userId, int todos, int open, int? maxTodos = null, int? maxOpen = null)
    {
        var values = new Dictionary<string, AttributeValue> { [":todos"] = N(todos), [":open"] = N(open) };
        var condition = "attribute_exists(PK)";
        if (maxTodos is { } todoLimit)
        {
            condition += $" AND {TodoCount} <= :todoRoom";
            values[":todoRoom"] = N(todoLimit - todos);
        }
        if (maxOpen is { } openLimit)
        {
            condition += $" AND {OpenCount} <= :openRoom";
            values[":openRoom"] = N(openLimit - open);
        }
        return new TransactWriteItem
        {
            Update = new Update
            {
                TableName = table,
                Key = Key(userId),
                UpdateExpression = $"SET {TodoCount} = {TodoCount} + :todos, {OpenCount} = {OpenCount} + :open",
                ConditionExpression = condition,
                ExpressionAttributeValues = values,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        };
    }

    public static TodoCounts Read(Dictionary<string, AttributeValue> item)
    {
        var all = (int)item.GetLong(TodoCount);
        var open = (int)item.GetLong(OpenCount);
        return new TodoCounts(all, open, all - open);
    }

    /// <summary>
    /// The counts, from the one summary item. A user whose todos predate the summary (or who has none
    /// yet) gets it built first, see <see cref="BuildAsync"/>.
    /// </summary>
    public static async Task<TodoCounts> ReadAsync(IAmazonDynamoDB dynamo, string table, string userId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(userId), ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item ? Read(item) : await BuildAsync(dynamo, table, userId, ct);
    }

    /// <summary>
    /// Counts the user's todos once and stores the summary with a conditional put, so of two racing
    /// builders one writes and the other keeps what it wrote. The count cannot be overtaken by a write:
    /// every write that adds, removes, completes or reopens a todo is conditioned on the summary
    /// existing, so none commits until the summary does.
    /// </summary>
    public static async Task<TodoCounts> BuildAsync(IAmazonDynamoDB dynamo, string table, string userId, CancellationToken ct)
    {
        var counts = await RecountAsync(dynamo, table, userId, ct);
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = new()
                {
                    [Keys.PK] = S(Keys.User(userId)),
                    [Keys.SK] = S(SortKey),
                    ["type"] = S(Type),
                    [TodoCount] = N(counts.All),
                    [OpenCount] = N(counts.Active),
                },
                ConditionExpression = "attribute_not_exists(PK)",
            }, ct);
            return counts;
        }
        catch (ConditionalCheckFailedException)
        {
            return await ReadAsync(dynamo, table, userId, ct);
        }
    }

    /// <summary>A full count of the user's todo items: what the summary is built from, and checked against in tests.</summary>
    public static async Task<TodoCounts> RecountAsync(IAmazonDynamoDB dynamo, string table, string userId, CancellationToken ct)
    {
        int all = 0, completed = 0;
        await foreach (var item in dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
            FilterExpression = "#type = :todo",
            ProjectionExpression = "completed",
            ExpressionAttributeNames = new() { ["#type"] = "type" },
            ExpressionAttributeValues = new()
            {
                [":pk"] = S(Keys.User(userId)),
                [":prefix"] = S(Keys.TodoPrefix),
                [":todo"] = S(TodoItem.Type),
            },
            ConsistentRead = true,
        }, ct))
        {
            all++;
            completed += item.GetBool("completed") ? 1 : 0;
        }
        return new TodoCounts(all, all - completed, completed);
    }

    /// <summary>
    /// Runs a transaction that holds the summary's <see cref="Change"/> at <paramref name="summaryIndex"/>.
    /// If it failed only because the user has no summary yet, the summary is built and the transaction
    /// run once more. Null when it committed; otherwise the reasons, one per item.
    /// </summary>
    public static async Task<IReadOnlyList<CancellationReason>?> WriteAsync(
        IAmazonDynamoDB dynamo, string table, string userId, TransactWriteItemsRequest request, int summaryIndex, CancellationToken ct)
    {
        var reasons = await Transactions.TryWriteAsync(dynamo, request, ct);
        if (reasons is null || !reasons.FailedCondition(summaryIndex) || reasons.OldItem(summaryIndex) is not null)
        {
            return reasons;
        }
        await BuildAsync(dynamo, table, userId, ct);
        return await Transactions.TryWriteAsync(dynamo, request, ct);
    }
}
