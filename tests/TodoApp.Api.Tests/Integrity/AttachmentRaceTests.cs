using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Api.Tests.Attachments;
using TodoApp.Core.Data;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Integrity;

/// <summary>The parent/child rule holds with clients racing (the limit under racing creations: AttachmentsApiTests).</summary>
public sealed class AttachmentRaceTests
{
    [Fact]
    public async Task AttachmentsCreatedWhileTheTodoIsDeletedLeaveNoRecordBehind()
    {
        var system = await SharedSystem.GetAsync();
        var userId = SharedSystem.NewUserId();
        using var client = system.ClientFor(userId);
        var dynamo = system.Services.GetRequiredService<IAmazonDynamoDB>();
        for (var round = 0; round < 6; round++)
        {
            var todoId = await AttachmentClient.CreateTodoAsync(client);
            var creations = Enumerable.Range(0, 4).Select(i => AttachmentClient.RequestUploadAsync(client, todoId, $"p{i}.png", "image/png", 10)).ToList();
            var delete = client.DeleteAsync($"api/todos/{todoId}");
            var results = await Task.WhenAll([.. creations, delete]);

            Assert.Equal(HttpStatusCode.NoContent, (await delete).StatusCode);
            // Each creation either got in before the delete (and went with it) or found no todo.
            Assert.All(results[..^1], r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.NotFound }));
            Assert.Empty(await AttachmentRecordsAsync(dynamo, userId, todoId));
        }
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> AttachmentRecordsAsync(IAmazonDynamoDB dynamo, string userId, string todoId) =>
        (await dynamo.QueryAsync(new QueryRequest
        {
            TableName = LocalSystem.TableName,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(Keys.User(userId)), [":prefix"] = new AttributeValue($"ATT#{todoId}#") },
            ConsistentRead = true,
        })).Items ?? [];
}
