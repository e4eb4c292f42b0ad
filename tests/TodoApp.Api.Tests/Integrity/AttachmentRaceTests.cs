using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Api.Tests.Attachments;
using TodoApp.Core.Data;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Integrity;

/// <summary>The per-todo attachment limit and the parent/child rule hold with many clients racing.</summary>
public sealed class AttachmentRaceTests
{
    [Fact]
    public async Task TwentyCreationsAtOnceOnOneTodoGiveExactlyTenAndTheRest409()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            AttachmentClient.RequestUploadAsync(client, todoId, $"photo-{i}.jpg", "image/jpeg", 1000)));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var todo = await client.GetFromJsonAsync<JsonElement>($"api/todos/{todoId}");
        Assert.Equal(10, todo.GetProperty("attachments").GetArrayLength());
    }

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
