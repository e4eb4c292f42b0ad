using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Functions.GitHub;

/// <summary>
/// Remembers which GitHub deliveries were handled. GitHub reuses <c>X-GitHub-Delivery</c> when a
/// delivery is redelivered, so a conditional put on it is the whole idempotency story.
/// </summary>
public sealed class DeliveryStore(IAmazonDynamoDB dynamo, string tableName, TimeProvider clock, TimeSpan ttl)
{
    private const string Prefix = "WEBHOOK#";
    private const string Sort = "DELIVERY";

    /// <summary>True when this call took the delivery; false when an earlier one already had it.</summary>
    public async Task<bool> TryClaimAsync(string deliveryId, string gitHubEvent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>
                {
                    [Keys.PK] = S(Prefix + deliveryId),
                    [Keys.SK] = S(Sort),
                    ["event"] = S(gitHubEvent),
                    ["receivedAt"] = Time(now),
                    [Keys.ExpiresAt] = N((now + ttl).ToUnixTimeSeconds()),
                },
                // TTL deletes lazily (up to days late): an expired key counts as free.
                ConditionExpression = "attribute_not_exists(#pk) OR #exp < :now",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = Keys.PK, ["#exp"] = Keys.ExpiresAt },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = N(now.ToUnixTimeSeconds()) },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Frees the key after Slack finally failed, so a manual redelivery can post.</summary>
    public Task ReleaseAsync(string deliveryId, CancellationToken ct) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [Keys.PK] = S(Prefix + deliveryId), [Keys.SK] = S(Sort) },
        }, ct);

    public async Task<bool> IsClaimedAsync(string deliveryId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [Keys.PK] = S(Prefix + deliveryId), [Keys.SK] = S(Sort) },
            ConsistentRead = true,
        }, ct);
        return response.Item is { Count: > 0 };
    }
}
