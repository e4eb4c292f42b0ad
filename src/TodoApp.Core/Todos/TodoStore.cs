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

    /// <summary>The user already holds <see cref="TodoSummary.TodosMax"/> todos.</summary>
    LimitReached,
}

public readonly record struct TodoWrite(WriteOutcome Outcome, Todo? Todo);

/// <summary>
/// Owns the todo item layout. Ownership is the partition key and concurrency is a condition on
/// <c>version</c>. A write that changes the user's counts (create, complete, reopen, delete) changes
/// the summary item in the same transaction, so counts and limits hold under any number of clients.
/// </summary>
public sealed partial class TodoStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> table, TimeProvider clock)
{
    private const int MaxPagesPerList = 8;

    /// <summary>Rounds of "read, then write conditioned on what was read" before giving up as busy.</summary>
    private const int MaxRounds = 5;

    private readonly string _table = table.Value.Name;

    public async Task<TodoWrite> CreateAsync(string userId, NewTodo input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var todo = new Todo(Ids.New(clock), input.Title.Trim(), input.Notes, false, input.DueDate,
            TodoRules.NormalizeLabels(input.Labels), now, now, null, 1);
        var request = new TransactWriteItemsRequest
        {
            TransactItems =
            [
                TodoSummary.Change(_table, userId, todos: 1, open: 1, maxTodos: TodoSummary.TodosMax),
                new TransactWriteItem
                {
                    Put = new Put { TableName = _table, Item = TodoItem.ToItem(userId, todo), ConditionExpression = "attribute_not_exists(PK)" },
                },
            ],
        };
        var reasons = await TodoSummary.WriteAsync(dynamo, _table, userId, request, summaryIndex: 0, ct);
        return reasons is null ? new TodoWrite(WriteOutcome.Done, todo) : new TodoWrite(WriteOutcome.LimitReached, null);
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

    public async Task<TodoWrite> UpdateAsync(string userId, string todoId, TodoChanges changes, long? expectedVersion, CancellationToken ct)
    {
        if (changes.Completed is null)
        {
            return await UpdateFieldsAsync(userId, todoId, changes, expectedVersion, ct);
        }
        // Completing or reopening moves the open count: read the todo, then write it and the summary
        // in one transaction conditioned on the version read. A write in between sends us round again.
        for (var round = 0; round < MaxRounds; round++)
        {
            var current = await GetAsync(userId, todoId, ct);
            if (current is null)
            {
                return new TodoWrite(WriteOutcome.NotFound, null);
            }
            if (expectedVersion is { } expected && expected != current.Version)
            {
                return new TodoWrite(WriteOutcome.VersionMismatch, current);
            }
            var openChange = changes.Completed == current.Completed ? 0 : changes.Completed == true ? -1 : 1;
            if (openChange == 0)
            {
                var plain = await UpdateFieldsAsync(userId, todoId, changes, current.Version, ct);
                if (plain.Outcome == WriteOutcome.Done)
                {
                    return plain;
                }
                continue;
            }
            var now = clock.GetUtcNow();
            var update = TodoUpdateExpression.Build(_table, Key(userId, todoId), userId, todoId, changes, current.Version, now);
            var request = new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    TodoSummary.Change(_table, userId, todos: 0, open: openChange),
                    new TransactWriteItem
                    {
                        Update = new Update
                        {
                            TableName = _table,
                            Key = update.Key,
                            UpdateExpression = update.UpdateExpression,
                            ConditionExpression = update.ConditionExpression,
                            ExpressionAttributeValues = update.ExpressionAttributeValues,
                        },
                    },
                ],
            };
            if (await TodoSummary.WriteAsync(dynamo, _table, userId, request, summaryIndex: 0, ct) is null)
            {
                return new TodoWrite(WriteOutcome.Done, changes.ApplyTo(current, now));
            }
        }
        throw new WriteContentionException(new InvalidOperationException($"Todo {todoId} kept changing during {MaxRounds} rounds."));
    }

    /// <summary>Edits that leave the counts alone are one conditional UpdateItem, with no read.</summary>
    private async Task<TodoWrite> UpdateFieldsAsync(string userId, string todoId, TodoChanges changes, long? expectedVersion, CancellationToken ct)
    {
        var request = TodoUpdateExpression.Build(_table, Key(userId, todoId), userId, todoId, changes, expectedVersion, clock.GetUtcNow());
        try
        {
            var response = await dynamo.UpdateItemAsync(request, ct);
            return new TodoWrite(WriteOutcome.Done, TodoItem.FromItem(response.Attributes));
        }
        catch (ConditionalCheckFailedException)
        {
            // Only the failure path reads, to tell "gone" from "changed by someone else".
            var current = await GetAsync(userId, todoId, ct);
            return new TodoWrite(current is null ? WriteOutcome.NotFound : WriteOutcome.VersionMismatch, current);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string todoId) => new(2)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(Keys.Todo(todoId)),
    };
}
