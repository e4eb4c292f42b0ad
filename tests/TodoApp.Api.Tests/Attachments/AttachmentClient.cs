using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NetVips;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Attachments;

/// <summary>What a browser does: create a todo, ask for an upload, PUT the bytes to the presigned URL, poll the todo.</summary>
internal static class AttachmentClient
{
    public static async Task<string> CreateTodoAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("api/todos", new { title = "Has pictures" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> RequestUploadAsync(HttpClient client, string todoId, string fileName, string contentType, long size) =>
        client.PostAsJsonAsync($"api/todos/{todoId}/attachments", new { fileName, contentType, size });

    /// <summary>Sends the bytes as the upload instruction says (a browser sets Content-Length itself).</summary>
    public static async Task<HttpResponseMessage> PutAsync(JsonElement upload, byte[] bytes, string? contentType = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("url").GetString()) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? upload.GetProperty("headers").GetProperty("Content-Type").GetString()!);
        return await http.SendAsync(request);
    }

    public static async Task<(string TodoId, string AttachmentId)> UploadAsync(HttpClient client, byte[] bytes, string contentType = "image/jpeg")
    {
        var todoId = await CreateTodoAsync(client);
        var created = await (await RequestUploadAsync(client, todoId, "photo.jpg", contentType, bytes.Length)).Content.ReadFromJsonAsync<JsonElement>();
        (await PutAsync(created.GetProperty("upload"), bytes)).EnsureSuccessStatusCode();
        return (todoId, created.GetProperty("attachment").GetProperty("id").GetString()!);
    }

    /// <summary>Polls the todo until the attachment leaves PENDING, as the page would.</summary>
    public static async Task<JsonElement> WaitUntilProcessedAsync(HttpClient client, string todoId, string attachmentId)
    {
        var todo = await Eventually.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"api/todos/{todoId}"),
            todo => Attachment(todo, attachmentId).GetProperty("status").GetString() != "PENDING",
            TimeSpan.FromSeconds(20));
        return Attachment(todo, attachmentId);
    }

    private static JsonElement Attachment(JsonElement todo, string attachmentId) =>
        todo.GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("id").GetString() == attachmentId);

    public static byte[] Jpeg(int width = 640, int height = 480)
    {
        using var image = Image.Black(width, height, bands: 3).Linear([1.0, 1.0, 1.0], [30.0, 140.0, 220.0]).Cast(Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer(q: 85);
    }
}
