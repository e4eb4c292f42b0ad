using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Attachments;

public class AttachmentsApiTests
{
    [Fact]
    public async Task CreateReturns201WithPendingAttachmentAndPresignedPutThatSignsTypeAndLength()
    {
        var system = await SharedSystem.GetAsync();
        var userId = SharedSystem.NewUserId();
        using var client = system.ClientFor(userId);
        var todoId = await AttachmentClient.CreateTodoAsync(client);

        var response = await AttachmentClient.RequestUploadAsync(client, todoId, "Beach day.jpg", "image/jpeg", 12345);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var attachment = body.GetProperty("attachment");
        Assert.Equal("PENDING", attachment.GetProperty("status").GetString());
        Assert.Equal("Beach day.jpg", attachment.GetProperty("fileName").GetString());
        Assert.Equal(12345, attachment.GetProperty("size").GetInt64());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("url").ValueKind);
        var upload = body.GetProperty("upload");
        Assert.Equal("PUT", upload.GetProperty("method").GetString());
        Assert.Equal("image/jpeg", upload.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("12345", upload.GetProperty("headers").GetProperty("Content-Length").GetString());
        var url = new Uri(upload.GetProperty("url").GetString()!);
        Assert.Equal("http", url.Scheme);
        // The object key comes from ids only: the user's file name is nowhere in the path.
        Assert.Equal($"/mediabucket/uploads/{userId}/{todoId}/{attachment.GetProperty("id").GetString()}", url.AbsolutePath);
        var signed = Query(url)["X-Amz-SignedHeaders"].Split(';');
        Assert.Contains("content-type", signed);
        Assert.Contains("content-length", signed);
        // Five minutes; the SDK derives the number from its clock-skew-corrected now, so allow a second.
        Assert.InRange(int.Parse(Query(url)["X-Amz-Expires"], System.Globalization.CultureInfo.InvariantCulture), 299, 301);
        var expiresAt = upload.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
        Assert.Equal($"/api/todos/{todoId}/attachments/{attachment.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("notes.pdf", "application/pdf", 1000, "contentType")]
    [InlineData("vector.svg", "image/svg+xml", 1000, "contentType")]
    [InlineData("big.jpg", "image/jpeg", 10 * 1024 * 1024 + 1, "size")]
    [InlineData("empty.jpg", "image/jpeg", 0, "size")]
    [InlineData("", "image/jpeg", 1000, "fileName")]
    [InlineData("tab\there.jpg", "image/png", 1000, "fileName")]
    public async Task InvalidFileIsRejectedWithAProblemNamingTheField(string fileName, string contentType, long size, string field)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);

        var response = await AttachmentClient.RequestUploadAsync(client, todoId, fileName, contentType, size);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task MissingBodyOrUnknownPropertyIs400NotA500()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);

        var unknown = await client.PostAsJsonAsync($"api/todos/{todoId}/attachments", new { fileName = "a.jpg", contentType = "image/jpeg", size = 5, path = "../x" });
        var notANumber = await client.PostAsync($"api/todos/{todoId}/attachments",
            new StringContent("""{"fileName":"a.jpg","contentType":"image/jpeg","size":"big"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
    }

    [Fact]
    public async Task AttachingToAnotherUsersTodoIs404()
    {
        var system = await SharedSystem.GetAsync();
        using var owner = system.ClientFor(SharedSystem.NewUserId());
        using var stranger = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(owner);

        var response = await AttachmentClient.RequestUploadAsync(stranger, todoId, "a.jpg", "image/jpeg", 100);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AttachmentClient.RequestUploadAsync(owner, "no-such-todo", "a.jpg", "image/jpeg", 100)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AttachmentClient.RequestUploadAsync(owner, "bad%23id", "a.jpg", "image/jpeg", 100)).StatusCode);
    }

    [Fact]
    public async Task EleventhAttachmentIs409EvenWhenRequestedConcurrently()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AttachmentClient.RequestUploadAsync(client, todoId, $"{i}.png", "image/png", 100)));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var todo = await client.GetFromJsonAsync<JsonElement>($"api/todos/{todoId}");
        Assert.Equal(10, todo.GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task DeletingAnAttachmentFreesItsSlot()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var body = await (await AttachmentClient.RequestUploadAsync(client, todoId, $"{i}.gif", "image/gif", 100)).Content.ReadFromJsonAsync<JsonElement>();
            ids.Add(body.GetProperty("attachment").GetProperty("id").GetString()!);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await AttachmentClient.RequestUploadAsync(client, todoId, "x.gif", "image/gif", 100)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"api/todos/{todoId}/attachments/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"api/todos/{todoId}/attachments/{ids[0]}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await AttachmentClient.RequestUploadAsync(client, todoId, "x.gif", "image/gif", 100)).StatusCode);
    }

    [Fact]
    public async Task AttachmentsDoNotCountOrListAsTodos()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);
        await AttachmentClient.RequestUploadAsync(client, todoId, "a.webp", "image/webp", 100);
        await AttachmentClient.RequestUploadAsync(client, todoId, "b.webp", "image/webp", 100);

        var counts = await client.GetFromJsonAsync<JsonElement>("api/todos/counts");
        var list = await client.GetFromJsonAsync<JsonElement>("api/todos");

        Assert.Equal(1, counts.GetProperty("all").GetInt32());
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(2, item.GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task ListShowsAttachmentsOnlyOnTheTodosThatHaveThem()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var first = await AttachmentClient.CreateTodoAsync(client);
        var middle = await AttachmentClient.CreateTodoAsync(client);
        var last = await AttachmentClient.CreateTodoAsync(client);
        await AttachmentClient.RequestUploadAsync(client, middle, "a.webp", "image/webp", 100);

        var list = await client.GetFromJsonAsync<JsonElement>("api/todos");

        var attachments = list.GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("attachments").GetArrayLength());
        Assert.Equal(new Dictionary<string, int> { [first] = 0, [middle] = 1, [last] = 0 }, attachments);
    }

    private static Dictionary<string, string> Query(Uri url) => url.Query.TrimStart('?').Split('&')
        .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
}
