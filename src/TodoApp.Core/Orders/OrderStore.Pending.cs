using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Orders;

/// <summary>An order still PENDING in the sparse index: what the cleanup job needs to re-send its message.</summary>
public sealed record PendingOrder(string UserId, string OrderId, DateTimeOffset CreatedAt, string? CorrelationId = null);

public sealed partial class OrderStore
{
    /// <summary>
    /// PENDING orders created before <paramref name="createdBefore"/>, oldest first per shard, from the
    /// sparse GSI1 (only PENDING orders carry its keys): a few range queries, never a scan.
    /// </summary>
    public async Task<IReadOnlyList<PendingOrder>> ListPendingAsync(DateTimeOffset createdBefore, int limitPerShard, CancellationToken ct)
    {
        var found = new List<PendingOrder>();
        for (var shard = 0; shard < OrderItem.PendingShards; shard++)
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = _table,
                IndexName = Keys.Gsi1,
                KeyConditionExpression = "GSI1PK = :shard AND GSI1SK < :before",
                ExpressionAttributeValues = new()
                {
                    [":shard"] = S(OrderItem.PendingShard(shard)),
                    [":before"] = Time(createdBefore),
                },
                ProjectionExpression = "GSI1SK, correlationId",
                Limit = limitPerShard,
            }, ct);
            foreach (var item in response.Items ?? [])
            {
                // GSI1SK is createdAt#userId#orderId; neither the timestamp nor the ids contain '#'.
                var parts = item.GetString(Keys.Gsi1SK).Split('#');
                found.Add(new PendingOrder(parts[1], parts[2], DateTimeOffset.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                    item.GetStringOrNull("correlationId")));
            }
        }
        return found;
    }

    /// <summary>
    /// Marks a still-PENDING order as re-sent, once: overlapping cleanup runs race on this condition,
    /// so only one of them sends. False when it was re-sent before or is no longer PENDING.
    /// </summary>
    public async Task<bool> ClaimResendAsync(string userId, string orderId, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = OrderItem.Key(userId, orderId),
                UpdateExpression = "SET resentAt = :now",
                ConditionExpression = "#status = :pending AND attribute_not_exists(resentAt)",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = new()
                {
                    [":now"] = Time(clock.GetUtcNow()),
                    [":pending"] = S(Order.StatusName(OrderStatus.Pending)),
                },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Undoes <see cref="ClaimResendAsync"/> when the send failed, so the next run tries again.</summary>
    public Task ReleaseResendAsync(string userId, string orderId, CancellationToken ct) =>
        dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _table,
            Key = OrderItem.Key(userId, orderId),
            UpdateExpression = "REMOVE resentAt",
        }, ct);
}
