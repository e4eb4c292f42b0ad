using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Attachments;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Todos;

public enum DeleteOutcome
{
    Deleted,
    NotFound,

    /// <summary>The todo no longer matched what the caller asked for (for cleanup: it was reopened).</summary>
    Skipped,
}

/// <param name="Attachments">The attachment records deleted with the todo: their objects are the caller's to delete next.</param>
public sealed record TodoDeletion(DeleteOutcome Outcome, IReadOnlyList<AttachmentRef> Attachments);

public sealed partial class TodoStore
{
    /// <summary>
    /// Deletes the todo, its attachment records and its share of the summary in one transaction,
    /// conditioned on the todo's version and attachment count as read: an attachment created meanwhile,
    /// or any other change, sends the delete round again, so no record is ever left without its todo.
    /// With <paramref name="only"/>, a todo that no longer satisfies it is left alone.
    /// </summary>
    public async Task<TodoDeletion> DeleteAsync(string userId, string todoId, Func<Todo, bool>? only, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var todo = await GetAsync(userId, todoId, ct);
            if (todo is null)
            {
                return new TodoDeletion(DeleteOutcome.NotFound, []);
            }
            if (only is not null && !only(todo))
            {
                return new TodoDeletion(DeleteOutcome.Skipped, []);
            }
            var attachments = await AttachmentKeysOfAsync(userId, todoId, ct);
            var items = new List<TransactWriteItem>(attachments.Count + 2)
            {
                TodoSummary.Change(_table, userId, todos: -1, open: todo.Completed ? 0 : -1),
                new()
                {
                    Delete = new Delete
                    {
                        TableName = _table,
                        Key = Key(userId, todoId),
                        ConditionExpression = "version = :version AND (attribute_not_exists(#count) OR #count = :count)",
                        ExpressionAttributeNames = new() { ["#count"] = TodoItem.AttachmentCountAttribute },
                        ExpressionAttributeValues = new() { [":version"] = N(todo.Version), [":count"] = N(todo.AttachmentCount) },
                    },
                },
            };
            items.AddRange(attachments.Select(at => new TransactWriteItem
            {
                Delete = new Delete { TableName = _table, Key = AttachmentItem.Key(at) },
            }));
            var request = new TransactWriteItemsRequest { TransactItems = items };
            if (await TodoSummary.WriteAsync(dynamo, _table, userId, request, summaryIndex: 0, ct) is null)
            {
                return new TodoDeletion(DeleteOutcome.Deleted, attachments);
            }
        }
        throw new WriteContentionException(new InvalidOperationException($"Todo {todoId} kept changing during {MaxRounds} rounds."));
    }

    private async Task<IReadOnlyList<AttachmentRef>> AttachmentKeysOfAsync(string userId, string todoId, CancellationToken ct)
    {
        var found = new List<AttachmentRef>();
        await foreach (var item in dynamo.QueryAllAsync(new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = S(Keys.User(userId)), [":prefix"] = S(AttachmentKeys.TodoPrefix(todoId)) },
            ProjectionExpression = "id",
            ConsistentRead = true,
        }, ct))
        {
            found.Add(new AttachmentRef(userId, todoId, item.GetString("id")));
        }
        return found;
    }
}
