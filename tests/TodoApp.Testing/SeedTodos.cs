using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using static TodoApp.Core.Data.AttributeValues;

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

    /// <summary>The user's todo items counted one by one, independent of the summary item.</summary>
    public static async Task<TodoCounts> RecountAsync(IAmazonDynamoDB dynamo, string table, string userId)
    {
        int all = 0, completed = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :todo)",
                ExpressionAttributeValues = new() { [":pk"] = S(Keys.User(userId)), [":todo"] = S(Keys.TodoPrefix) },
                ConsistentRead = true,
                ExclusiveStartKey = startKey,
            });
            foreach (var item in page.Items ?? [])
            {
                all++;
                completed += item.GetBool("completed") ? 1 : 0;
            }
            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
        return new TodoCounts(all, all - completed, completed);
    }
}
