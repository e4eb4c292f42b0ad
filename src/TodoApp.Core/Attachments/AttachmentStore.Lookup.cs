using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Attachments;

/// <summary>
/// What the table says about one upload: whether its attachment record exists, its status (null also when
/// the stored value is not one we know, which callers must treat as "leave it alone") and whether its todo exists.
/// </summary>
public readonly record struct UploadOwnership(bool RecordExists, AttachmentStatus? Status, bool TodoExists);

/// <summary>Looks up many uploads at once, for the cleanup's walk over the bucket.</summary>
public sealed partial class AttachmentStore
{
    private const int BatchGetLimit = 100;

    /// <summary>
    /// Strongly consistent batch reads of the attachment and todo items behind each reference (100 keys a
    /// call, unprocessed keys retried), so a bucket page costs a couple of requests, not one per object.
    /// </summary>
    public async Task<IReadOnlyDictionary<AttachmentRef, UploadOwnership>> GetOwnershipAsync(IReadOnlyCollection<AttachmentRef> refs, CancellationToken ct)
    {
        var keys = refs.SelectMany(at => new[] { Key(at), TodoKey(at.UserId, at.TodoId) })
            .DistinctBy(key => (key[Keys.PK].S, key[Keys.SK].S))
            .ToList();
        var found = new Dictionary<(string, string), Dictionary<string, AttributeValue>>();
        foreach (var chunk in keys.Chunk(BatchGetLimit))
        {
            var pending = new KeysAndAttributes
            {
                Keys = [.. chunk],
                ConsistentRead = true,
                ProjectionExpression = "PK, SK, #status",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
            };
            for (var attempt = 0; pending.Keys is { Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    // Unprocessed keys mean throttling: back off a little before asking again.
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * Math.Min(attempt, 20)), ct);
                }
                var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [_table] = pending } }, ct);
                foreach (var item in response.Responses?.GetValueOrDefault(_table) ?? [])
                {
                    found[(item[Keys.PK].S, item[Keys.SK].S)] = item;
                }
                pending = response.UnprocessedKeys?.GetValueOrDefault(_table) ?? new KeysAndAttributes();
            }
        }
        var result = new Dictionary<AttachmentRef, UploadOwnership>();
        foreach (var at in refs)
        {
            var attachmentKey = Key(at);
            var exists = found.TryGetValue((attachmentKey[Keys.PK].S, attachmentKey[Keys.SK].S), out var attachment);
            var status = exists && AttachmentItem.TryParseStatus(attachment!.GetStringOrNull("status"), out var parsed) ? parsed : (AttachmentStatus?)null;
            result[at] = new UploadOwnership(exists, status, found.ContainsKey((Keys.User(at.UserId), Keys.Todo(at.TodoId))));
        }
        return result;
    }
}
