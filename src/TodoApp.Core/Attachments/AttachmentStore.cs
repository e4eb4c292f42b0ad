using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Attachments;

/// <summary>
/// Owns the attachment item layout. The per-todo limit is a counter on the todo item that changes in
/// the same transaction as the record it counts, so two concurrent uploads can never make an eleventh
/// attachment and the counter never drifts from the records.
/// </summary>
public sealed partial class AttachmentStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> table, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    private const string Counter = TodoItem.AttachmentCountAttribute;
    private readonly string _table = table.Value.Name;

    /// <summary>
    /// Reserves a slot on the todo and writes the PENDING record in one transaction: the slot's
    /// condition is also the "todo exists and is yours" check, so a record can never outlive a todo
    /// deleted at the same moment, nor a slot be taken without its record.
    /// </summary>
    public async Task<AttachResult> CreateAsync(string userId, string todoId, string fileName, string contentType, long size, string? correlationId, CancellationToken ct)
    {
        var attachment = new Attachment(Ids.New(clock), todoId, AttachmentStatus.Pending, null, fileName.Trim(), contentType, size, clock.GetUtcNow(), null, null)
        {
            CorrelationId = correlationId,
        };
        var reasons = await Transactions.TryWriteAsync(dynamo, new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = _table,
                        Key = TodoKey(userId, todoId),
                        UpdateExpression = $"SET {Counter} = if_not_exists({Counter}, :zero) + :one",
                        ConditionExpression = $"attribute_exists(PK) AND (attribute_not_exists({Counter}) OR {Counter} < :max)",
                        ExpressionAttributeValues = new() { [":zero"] = N(0), [":one"] = N(1), [":max"] = N(options.Value.MaxPerTodo) },
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                },
                new TransactWriteItem
                {
                    Put = new Put { TableName = _table, Item = AttachmentItem.ToItem(userId, attachment), ConditionExpression = "attribute_not_exists(PK)" },
                },
            ],
        }, ct);
        if (reasons is null)
        {
            return new AttachResult(AttachOutcome.Created, attachment);
        }
        if (!reasons.FailedCondition(0))
        {
            throw new InvalidOperationException($"Creating attachment {attachment.Id} was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
        }
        return new AttachResult(reasons.OldItem(0) is null ? AttachOutcome.TodoNotFound : AttachOutcome.LimitReached, null);
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

    /// <summary>
    /// Deletes the record and frees its slot in one transaction; returns what was deleted, or null if
    /// it was not there. A record whose todo is gone (left by versions that wrote the two apart) is
    /// deleted alone.
    /// </summary>
    public async Task<Attachment?> DeleteAsync(AttachmentRef at, CancellationToken ct)
    {
        var attachment = await GetAsync(at, ct);
        if (attachment is null)
        {
            return null;
        }
        var reasons = await Transactions.TryWriteAsync(dynamo, new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem
                {
                    Delete = new Delete { TableName = _table, Key = Key(at), ConditionExpression = "attribute_exists(PK)" },
                },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = _table,
                        Key = TodoKey(at.UserId, at.TodoId),
                        UpdateExpression = $"SET {Counter} = {Counter} - :one",
                        // Never re-create a deleted todo as a bare counter item, never go below zero.
                        ConditionExpression = $"attribute_exists(PK) AND {Counter} > :zero",
                        ExpressionAttributeValues = new() { [":zero"] = N(0), [":one"] = N(1) },
                    },
                },
            ],
        }, ct);
        if (reasons is null)
        {
            return attachment;
        }
        if (reasons.FailedCondition(0))
        {
            return null;
        }
        try
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = Key(at), ConditionExpression = "attribute_exists(PK)" }, ct);
            return attachment;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    private static Dictionary<string, AttributeValue> Key(AttachmentRef at) => AttachmentItem.Key(at);

    private static Dictionary<string, AttributeValue> TodoKey(string userId, string todoId) => new(2)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(Keys.Todo(todoId)),
    };
}
