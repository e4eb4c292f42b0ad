using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Attachments;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// Deletes completed todos older than the retention period. They are found through the sparse,
/// sharded GSI1 entry a todo gets when it is completed (a range query per shard, never a scan). Each
/// todo goes with its attachment records and its share of the user's summary in one transaction
/// (<see cref="TodoStore.DeleteAsync"/>), conditioned on the todo being as read and still completed
/// before the cutoff, so a todo reopened meanwhile survives (with its attachments) and two
/// overlapping runs delete (and count) each todo once. Only the run whose transaction committed then
/// deletes the attachments' objects; if that is interrupted, the bucket walk
/// (<see cref="OrphanUploadCleanup"/>) finds uploads whose record is gone.
/// </summary>
public sealed class CompletedTodoCleanup(IAmazonDynamoDB dynamo, string table, TodoStore todos, AttachmentStore attachments, AttachmentMedia media)
{
    private const int PageSize = 50;

    public async Task RunAsync(CleanupRun run, DateTimeOffset cutoff, CancellationToken ct)
    {
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
                    ExpressionAttributeValues = new() { [":shard"] = S(Keys.CompletedShard(shard)), [":cutoff"] = Time(cutoff) },
                    ProjectionExpression = "PK, id",
                    Limit = PageSize,
                    ExclusiveStartKey = startKey,
                }, ct);
                foreach (var item in page.Items ?? [])
                {
                    if (run.OutOfTime())
                    {
                        return;
                    }
                    await DeleteAsync(run, Keys.UserIdOf(item.GetString(Keys.PK)), item.GetString("id"), cutoff, ct);
                }
                startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null);
        }
    }

    private async Task DeleteAsync(CleanupRun run, string userId, string todoId, DateTimeOffset cutoff, CancellationToken ct)
    {
        if (run.DryRun)
        {
            run.CompletedTodosDeleted++;
            run.AttachmentObjectsDeleted += (await attachments.ListForTodoAsync(userId, todoId, ct)).Count;
            return;
        }
        // Reopened, or deleted by an overlapping run or the user: nothing to do.
        var deletion = await todos.DeleteAsync(userId, todoId, only: todo => todo.Completed && todo.CompletedAt < cutoff, ct);
        if (deletion.Outcome != DeleteOutcome.Deleted)
        {
            return;
        }
        run.CompletedTodosDeleted++;
        foreach (var at in deletion.Attachments)
        {
            await media.DeleteAsync(at, ct);
            run.AttachmentObjectsDeleted++;
        }
    }
}
