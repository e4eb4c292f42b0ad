using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Attachments;

/// <summary>Status transitions (only PENDING moves, and only once) and the index of PENDING uploads.</summary>
public sealed partial class AttachmentStore
{
    /// <summary>False when the attachment is gone or no longer PENDING: a duplicate event, or a delete that won.</summary>
    public Task<bool> MarkReadyAsync(AttachmentRef at, int width, int height, CancellationToken ct) =>
        LeavePendingAsync(at, "thumbnailWidth = :w, thumbnailHeight = :h", new()
        {
            [":next"] = S(AttachmentItem.StatusName(AttachmentStatus.Ready)),
            [":w"] = N(width),
            [":h"] = N(height),
        }, ct);

    public Task<bool> MarkFailedAsync(AttachmentRef at, string reason, CancellationToken ct) =>
        LeavePendingAsync(at, "failureReason = :reason", new()
        {
            [":next"] = S(AttachmentItem.StatusName(AttachmentStatus.Failed)),
            [":reason"] = S(reason),
        }, ct);

    /// <summary>
    /// PENDING attachments created before <paramref name="createdBefore"/>, oldest first: uploads that
    /// never arrived (or whose event was lost). Range queries on the sparse index, page by page, never
    /// a scan; the caller stops whenever it likes.
    /// </summary>
    public async IAsyncEnumerable<(AttachmentRef Ref, Attachment Attachment)> ListPendingAsync(
        DateTimeOffset createdBefore, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = _table,
                IndexName = Keys.Gsi1,
                KeyConditionExpression = "GSI1PK = :pending AND GSI1SK < :cutoff",
                ExpressionAttributeValues = new()
                {
                    [":pending"] = S(AttachmentKeys.PendingIndexKey),
                    [":cutoff"] = Time(createdBefore),
                },
                Limit = pageSize,
                ExclusiveStartKey = startKey,
            }, ct);
            foreach (var item in response.Items ?? [])
            {
                yield return (new AttachmentRef(item.GetString("userId"), item.GetString("todoId"), item.GetString("id")), AttachmentItem.FromItem(item));
            }
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
    }

    private async Task<bool> LeavePendingAsync(AttachmentRef at, string set, Dictionary<string, AttributeValue> values, CancellationToken ct)
    {
        values[":pending"] = S(AttachmentItem.StatusName(AttachmentStatus.Pending));
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = Key(at),
                UpdateExpression = $"SET #status = :next, {set} REMOVE {Keys.Gsi1PK}, {Keys.Gsi1SK}",
                ConditionExpression = "#status = :pending",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = values,
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
