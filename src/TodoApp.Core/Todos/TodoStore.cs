using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Todos;

public enum WriteOutcome
{
    Done,
    NotFound,
    VersionMismatch,
}

public readonly record struct TodoUpdate(WriteOutcome Outcome, Todo? Todo);

/// <summary>
/// Owns the todo item layout. Ownership is the partition key and concurrency is a condition on
/// <c>version</c>: there is no read-then-write anywhere.
/// </summary>
public sealed partial class TodoStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> table, TimeProvider clock)
{
    private const int MaxPagesPerList = 8;
    private readonly string _table = table.Value.Name;

    public async Task<Todo> CreateAsync(string userId, NewTodo input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var todo = new Todo(Ids.New(clock), input.Title.Trim(), input.Notes, false, input.DueDate,
            TodoRules.NormalizeLabels(input.Labels), now, now, null, 1);
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = TodoItem.ToItem(userId, todo),
            ConditionExpression = "attribute_not_exists(PK)",
        }, ct);
        return todo;
    }

    /// <summary>
    /// Writes a todo whose id the caller derived deterministically (for example from an order line).
    /// Returns false when it already exists, which is what a redelivered message looks like.
    /// </summary>
    public async Task<bool> PutIfAbsentAsync(string userId, Todo todo, string origin, CancellationToken ct)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = TodoItem.ToItem(userId, todo, origin),
                ConditionExpression = "attribute_not_exists(PK)",
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<Todo?> GetAsync(string userId, string todoId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(userId, todoId),
            ConsistentRead = true,
        }, ct);
        return response.IsItemSet && response.Item is { Count: > 0 } item ? TodoItem.FromItem(item) : null;
    }

    public async Task<bool> DeleteAsync(string userId, string todoId, CancellationToken ct)
    {
        try
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table,
                Key = Key(userId, todoId),
                ConditionExpression = "attribute_exists(PK)",
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<TodoUpdate> UpdateAsync(string userId, string todoId, TodoChanges changes, long? expectedVersion, CancellationToken ct)
    {
        var request = TodoUpdateExpression.Build(_table, Key(userId, todoId), userId, todoId, changes, expectedVersion, clock.GetUtcNow());
        try
        {
            var response = await dynamo.UpdateItemAsync(request, ct);
            return new TodoUpdate(WriteOutcome.Done, TodoItem.FromItem(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            // Only the failure path reads, to tell "gone" from "changed by someone else".
            var current = await GetAsync(userId, todoId, ct);
            return new TodoUpdate(current is null ? WriteOutcome.NotFound : WriteOutcome.VersionMismatch, current);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string todoId) => new(2)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(Keys.Todo(todoId)),
    };
}
