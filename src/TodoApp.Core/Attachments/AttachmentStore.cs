using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Attachments;

/// <summary>
/// Owns the attachment item layout. The per-todo limit is a counter on the todo item, reserved by a
/// conditional update, so two concurrent uploads can never make an eleventh attachment; that same
/// update is the "todo exists and is yours" check.
/// </summary>
public sealed partial class AttachmentStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> table, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    private const string Counter = TodoItem.AttachmentCountAttribute;
    private readonly string _table = table.Value.Name;

    public async Task<AttachResult> CreateAsync(string userId, string todoId, string fileName, string contentType, long size, string? correlationId, CancellationToken ct)
    {
        var reserved = await ReserveSlotAsync(userId, todoId, ct);
        if (reserved != AttachOutcome.Created)
        {
            return new AttachResult(reserved, null);
        }
        var attachment = new Attachment(Ids.New(clock), todoId, AttachmentStatus.Pending, null, fileName.Trim(), contentType, size, clock.GetUtcNow(), null, null)
        {
            CorrelationId = correlationId,
        };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = AttachmentItem.ToItem(userId, attachment),
                ConditionExpression = "attribute_not_exists(PK)",
            }, ct);
        }
        catch
        {
            await ReleaseSlotAsync(userId, todoId, CancellationToken.None);
            throw;
        }
        return new AttachResult(AttachOutcome.Created, attachment);
    }

    public async Task<Attachment?> GetAsync(AttachmentRef at, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(at), ConsistentRead = true }, ct);
        return response.IsItemSet && response.Item is { Count: > 0 } item ? AttachmentItem.FromItem(item) : null;
    }

    public async Task<IReadOnlyList<Attachment>> ListForTodoAsync(string userId, string todoId, CancellationToken ct) =>
        (await ListForTodosAsync(userId, [todoId], ct)).GetValueOrDefault(todoId) ?? [];

    /// <summary>
    /// The attachments of a page of todos in one key range: todo ids sort like their attachment keys,
    /// so everything between the smallest and the largest id's attachments is one query.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<Attachment>>> ListForTodosAsync(string userId, IReadOnlyCollection<string> todoIds, CancellationToken ct)
    {
        var result = new Dictionary<string, List<Attachment>>(StringComparer.Ordinal);
        if (todoIds.Count == 0)
        {
            return result;
        }
        var wanted = todoIds.ToHashSet(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "PK = :pk AND SK BETWEEN :from AND :to",
                ExpressionAttributeValues = new()
                {
                    [":pk"] = S(Keys.User(userId)),
                    [":from"] = S(AttachmentKeys.TodoPrefix(wanted.Min(StringComparer.Ordinal)!)),
                    // '~' sorts after every character an id may contain.
                    [":to"] = S(AttachmentKeys.TodoPrefix(wanted.Max(StringComparer.Ordinal)!) + "~"),
                },
                ConsistentRead = true,
                ExclusiveStartKey = startKey,
            }, ct);
            foreach (var attachment in (response.Items ?? []).Select(AttachmentItem.FromItem).Where(a => wanted.Contains(a.TodoId)))
            {
                (result.TryGetValue(attachment.TodoId, out var list) ? list : result[attachment.TodoId] = []).Add(attachment);
            }
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
        return result;
    }

    /// <summary>Deletes the record and frees its slot; returns what was deleted, or null if it was not there.</summary>
    public async Task<Attachment?> DeleteAsync(AttachmentRef at, CancellationToken ct)
    {
        try
        {
            var response = await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = _table,
                Key = Key(at),
                ConditionExpression = "attribute_exists(PK)",
                ReturnValues = ReturnValue.ALL_OLD,
            }, ct);
            await ReleaseSlotAsync(at.UserId, at.TodoId, ct);
            return AttachmentItem.FromItem(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    private async Task<AttachOutcome> ReserveSlotAsync(string userId, string todoId, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = TodoKey(userId, todoId),
                UpdateExpression = $"SET {Counter} = if_not_exists({Counter}, :zero) + :one",
                ConditionExpression = $"attribute_exists(PK) AND (attribute_not_exists({Counter}) OR {Counter} < :max)",
                ExpressionAttributeValues = new() { [":zero"] = N(0), [":one"] = N(1), [":max"] = N(options.Value.MaxPerTodo) },
            }, ct);
            return AttachOutcome.Created;
        }
        catch (ConditionalCheckFailedException)
        {
            // Only the failure path reads, to tell "no such todo" from "todo is full".
            var todo = await dynamo.GetItemAsync(new GetItemRequest { TableName = _table, Key = TodoKey(userId, todoId), ConsistentRead = true, ProjectionExpression = "PK" }, ct);
            return todo.IsItemSet && todo.Item is { Count: > 0 } ? AttachOutcome.LimitReached : AttachOutcome.TodoNotFound;
        }
    }

    private async Task ReleaseSlotAsync(string userId, string todoId, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = TodoKey(userId, todoId),
                UpdateExpression = $"SET {Counter} = {Counter} - :one",
                // Never re-create a deleted todo as a bare counter item, never go below zero.
                ConditionExpression = $"attribute_exists(PK) AND {Counter} > :zero",
                ExpressionAttributeValues = new() { [":zero"] = N(0), [":one"] = N(1) },
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
        }
    }

    internal static Dictionary<string, AttributeValue> Key(AttachmentRef at) => new(2)
    {
        [Keys.PK] = S(Keys.User(at.UserId)),
        [Keys.SK] = S(AttachmentKeys.SortKey(at.TodoId, at.AttachmentId)),
    };

    private static Dictionary<string, AttributeValue> TodoKey(string userId, string todoId) => new(2)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(Keys.Todo(todoId)),
    };
}
