using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// Deletes completed todos older than the retention period. They are found through the sparse,
/// sharded GSI1 entry a todo gets when it is completed (a range query per shard, never a scan), and
/// each delete is conditional on the todo still being completed before the cutoff, so a todo reopened
/// meanwhile survives and two overlapping runs delete (and count) each todo once.
/// </summary>
public sealed class CompletedTodoCleanup(IAmazonDynamoDB dynamo, string table, Func<string, string, CancellationToken, Task<int>>? deleteAttachments = null)
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
        if (run.DryRun)
        {
            run.CompletedTodosDeleted++;
            return;
        }
        var userId = item[Keys.PK].S["USER#".Length..];
        var todoId = item["id"].S;
        if (deleteAttachments is not null)
        {
            // Attachments first: if the run stops here, the todo is still indexed and the next run finishes it.
            run.AttachmentObjectsDeleted += await deleteAttachments(userId, todoId, ct);
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
        }
    }
}
