using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// The cleanup's own small items in the table: where the bucket walk stopped, and claims on objects
/// that have no record to hold a condition. Neither is user data, so they live outside <c>USER#</c>
/// partitions, and claims expire through the table's TTL.
/// </summary>
public sealed class CleanupLedger(IAmazonDynamoDB dynamo, string table)
{
    /// <summary>A claim older than this belongs to a run that died (a run lasts at most 15 minutes); another may take it.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromHours(1);

    private static readonly TimeSpan ClaimRetention = TimeSpan.FromDays(2);

    private static Dictionary<string, AttributeValue> CursorKey => new() { [Keys.PK] = S(Keys.CleanupPartition), [Keys.SK] = S(Keys.CleanupCursorSortKey) };

    /// <summary>The last upload key the walk finished, or null to start from the beginning.</summary>
    public async Task<string?> ReadCursorAsync(CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = CursorKey, ConsistentRead = true }, ct);
        return response.Item is { Count: > 0 } item ? item.GetStringOrNull("startAfter") : null;
    }

    /// <summary>
    /// A position hint, not a lock: two overlapping runs may each write theirs, and the worst case is
    /// that part of the bucket is walked twice, which every step tolerates.
    /// </summary>
    public Task SaveCursorAsync(string startAfter, DateTimeOffset now, CancellationToken ct) =>
        dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new(CursorKey) { ["startAfter"] = S(startAfter), ["savedAt"] = Time(now) },
        }, ct);

    public Task ClearCursorAsync(CancellationToken ct) =>
        dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = CursorKey }, ct);

    /// <summary>
    /// True for exactly one caller per object version (key and LastModified): only that run deletes and
    /// counts it. A claim left by a run that died is taken over once it is older than <see cref="ClaimLifetime"/>.
    /// </summary>
    public async Task<bool> TryClaimAsync(string objectKey, DateTimeOffset lastModified, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = new()
                {
                    [Keys.PK] = S(Keys.UploadClaim(objectKey)),
                    [Keys.SK] = Time(lastModified),
                    ["claimedUntil"] = Time(now + ClaimLifetime),
                    [Keys.ExpiresAt] = N((now + ClaimRetention).ToUnixTimeSeconds()),
                },
                ConditionExpression = "attribute_not_exists(PK) OR claimedUntil < :now",
                ExpressionAttributeValues = new() { [":now"] = Time(now) },
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
