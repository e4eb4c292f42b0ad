using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Todos;

namespace TodoApp.Testing;

/// <summary>
/// Arranges todos straight in the table with BatchWriteItem, as data written before the summary item
/// existed: a few calls for hundreds of todos, and the first write through the stores builds the summary.
/// </summary>
public static class SeedTodos
{
    public static async Task WriteOpenAsync(IAmazonDynamoDB dynamo, string table, string userId, int count)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(25))
        {
            var writes = chunk.Select(i => new WriteRequest(new PutRequest(
                TodoItem.ToItem(userId, new Todo($"seed-{i:D5}", $"Seeded {i}", null, false, null, [], now, now, null, 1))))).ToList();
            var pending = new Dictionary<string, List<WriteRequest>> { [table] = writes };
            while (pending.Count > 0 && pending.GetValueOrDefault(table) is { Count: > 0 })
            {
                pending = (await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
            }
        }
    }

    /// <summary>The user's todo items counted one by one (a query), independent of the summary item.</summary>
    public static Task<TodoCounts> RecountAsync(IAmazonDynamoDB dynamo, string table, string userId) =>
        TodoSummary.RecountAsync(dynamo, table, userId, CancellationToken.None);
}
