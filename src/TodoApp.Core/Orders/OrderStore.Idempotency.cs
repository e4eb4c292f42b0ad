using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Orders;

/// <summary>What an idempotency key stands for: the order it created, and whether this request is the same one.</summary>
public sealed record IdempotencyClaim(string OrderId, bool SameRequest);

public sealed partial class OrderStore
{
    /// <summary>How long a key is remembered; DynamoDB's TTL deletes the item some time after.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="orderId"/> with one conditional put. If the key
    /// was already claimed (and has not expired), returns the order it stands for and whether the
    /// stored request hash matches, so the caller can replay the same order or refuse a different body.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(string userId, string key, string requestHash, string orderId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = new()
                {
                    [Keys.PK] = S(Keys.User(userId)),
                    [Keys.SK] = S(OrderItem.IdempotencyPrefix + key),
                    ["type"] = S("IdempotencyKey"),
                    ["requestHash"] = S(requestHash),
                    ["orderId"] = S(orderId),
                    ["createdAt"] = Time(now),
                    [Keys.ExpiresAt] = N((now + IdempotencyWindow).ToUnixTimeSeconds()),
                },
                // TTL deletion lags by up to days: an expired key counts as free.
                ConditionExpression = "attribute_not_exists(PK) OR #expiresAt < :now",
                ExpressionAttributeNames = new() { ["#expiresAt"] = Keys.ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = N(now.ToUnixTimeSeconds()) },
            }, ct);
            return new IdempotencyClaim(orderId, SameRequest: true);
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = _table,
                Key = new() { [Keys.PK] = S(Keys.User(userId)), [Keys.SK] = S(OrderItem.IdempotencyPrefix + key) },
                ConsistentRead = true,
            }, ct);
            var item = existing.Item ?? throw new InvalidOperationException("An idempotency key was claimed and yet cannot be read.");
            return new IdempotencyClaim(item.GetString("orderId"), item.GetString("requestHash") == requestHash);
        }
    }
}
