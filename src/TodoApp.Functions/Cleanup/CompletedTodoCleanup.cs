using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Attachments;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// Deletes completed todos older than the retention period. They are found through the sparse,
/// sharded GSI1 entry a todo gets when it is completed (a range query per shard, never a scan), and
/// each delete is conditional on the todo still being completed before the cutoff, so a todo reopened
/// meanwhile survives (with its attachments) and two overlapping runs delete (and count) each todo once.
/// Only the run whose todo delete succeeded then deletes the attachments: for each, the original and
/// thumbnail objects first, then the record, whose conditional delete decides who counts it. If that is
/// interrupted, the bucket walk (<see cref="OrphanUploadCleanup"/>) finds uploads whose todo is gone.
/// </summary>
public sealed class CompletedTodoCleanup(IAmazonDynamoDB dynamo, string table, AttachmentStore attachments, AttachmentMedia media)
{
    private const int PageSize = 50;

    public async Task RunAsync(CleanupRun run, DateTimeOffset cutoff, CancellationToken ct)
    {
        var cutoffKey = Time(cutoff);
        for (var shard = 0; shard < Keys.CompletedShards; shard++)
        {
            Dictionary<string, AttributeValue>? startKey = null;
            do
            {
                if (run.OutOfTime())
                {
                    return;
                }
                var page = await dynamo.QueryAsync(new QueryRequest
                {
                    TableName = table,
                    IndexName = Keys.Gsi1,
                    KeyConditionExpression = "GSI1PK = :shard AND GSI1SK < :cutoff",
                    ExpressionAttributeValues = new() { [":shard"] = S($"COMPLETED#{shard}"), [":cutoff"] = cutoffKey },
                    ProjectionExpression = "PK, SK, id",
                    Limit = PageSize,
                    ExclusiveStartKey = startKey,
                }, ct);
                foreach (var item in page.Items ?? [])
                {
                    if (run.OutOfTime())
                    {
                        return;
                    }
                    await DeleteAsync(run, item, cutoffKey, ct);
                }
                startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null);
        }
    }

    private async Task DeleteAsync(CleanupRun run, Dictionary<string, AttributeValue> item, AttributeValue cutoff, CancellationToken ct)
    {
        var userId = item[Keys.PK].S["USER#".Length..];
        var todoId = item["id"].S;
        if (run.DryRun)
        {
            run.CompletedTodosDeleted++;
            run.AttachmentObjectsDeleted += (await attachments.ListForTodoAsync(userId, todoId, ct)).Count;
            return;
        }
        try
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = table,
                Key = new() { [Keys.PK] = item[Keys.PK], [Keys.SK] = item[Keys.SK] },
                ConditionExpression = "completed = :true AND completedAt < :cutoff",
                ExpressionAttributeValues = new() { [":true"] = Bool(true), [":cutoff"] = cutoff },
            }, ct);
            run.CompletedTodosDeleted++;
        }
        catch (ConditionalCheckFailedException)
        {
            // Reopened, or deleted by an overlapping run or the user: nothing to do.
            return;
        }
        foreach (var attachment in await attachments.ListForTodoAsync(userId, todoId, ct))
        {
            var at = new AttachmentRef(userId, todoId, attachment.Id);
            await media.DeleteAsync(at, ct);
            if (await attachments.DeleteAsync(at, ct) is not null)
            {
                run.AttachmentObjectsDeleted++;
            }
        }
    }
}
