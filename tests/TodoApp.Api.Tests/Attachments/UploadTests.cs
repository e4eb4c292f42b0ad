using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using TodoApp.Core.Aws;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Attachments;

/// <summary>The browser's path end to end: presigned PUT through the local S3 front, S3 event, thumbnail function, API.</summary>
public class UploadTests
{
    [Fact]
    public async Task UploadedPhotoBecomesReadyWithAThumbnailAndDownloadUrls()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var jpeg = AttachmentClient.Jpeg(640, 480);

        var (todoId, attachmentId) = await AttachmentClient.UploadAsync(client, jpeg);
        var attachment = await AttachmentClient.WaitUntilProcessedAsync(client, todoId, attachmentId);

        Assert.Equal("READY", attachment.GetProperty("status").GetString());
        Assert.Equal((256, 192), (attachment.GetProperty("thumbnailWidth").GetInt32(), attachment.GetProperty("thumbnailHeight").GetInt32()));
        using var browser = new HttpClient();
        var thumbnail = await browser.GetAsync(attachment.GetProperty("thumbnailUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString((await thumbnail.Content.ReadAsByteArrayAsync())[8..12]));
        Assert.Equal(jpeg, await browser.GetByteArrayAsync(attachment.GetProperty("url").GetString()));
        var listed = await client.GetFromJsonAsync<JsonElement>("api/todos");
        Assert.Equal("READY", listed.GetProperty("items")[0].GetProperty("attachments")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task TextFileUploadedAsJpegShowsFailedWithAReason()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        var (todoId, attachmentId) = await AttachmentClient.UploadAsync(client, "just some text"u8.ToArray());
        var attachment = await AttachmentClient.WaitUntilProcessedAsync(client, todoId, attachmentId);

        Assert.Equal("FAILED", attachment.GetProperty("status").GetString());
        Assert.Equal("The file is not a JPEG, PNG, WebP or GIF image.", attachment.GetProperty("failureReason").GetString());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("url").ValueKind);
    }

    [Theory]
    [InlineData("image/png", 0)]
    [InlineData("image/jpeg", 1)]
    [InlineData("image/jpeg", -1)]
    public async Task UploadWithAnotherTypeOrSizeThanSignedIsRefused(string sentType, int sizeDelta)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        var todoId = await AttachmentClient.CreateTodoAsync(client);
        var jpeg = AttachmentClient.Jpeg(64, 64);
        var created = await (await AttachmentClient.RequestUploadAsync(client, todoId, "a.jpg", "image/jpeg", jpeg.Length)).Content.ReadFromJsonAsync<JsonElement>();
        var sent = sizeDelta >= 0 ? [.. jpeg, .. new byte[sizeDelta]] : jpeg[..^1];

        var response = await AttachmentClient.PutAsync(created.GetProperty("upload"), sent, sentType);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreflightFromAnotherOriginIsAnsweredFromTheBucketsCorsRules()
    {
        var system = await SharedSystem.GetAsync();
        using var http = new HttpClient();
        var url = new Uri(system.Media.Proxy.Url, "mediabucket/uploads/u/t/a");

        using var allowed = new HttpRequestMessage(HttpMethod.Options, url);
        allowed.Headers.Add("Origin", "http://localhost:5173");
        allowed.Headers.Add("Access-Control-Request-Method", "PUT");
        allowed.Headers.Add("Access-Control-Request-Headers", "content-type");
        var ok = await http.SendAsync(allowed);

        using var refused = new HttpRequestMessage(HttpMethod.Options, url);
        refused.Headers.Add("Origin", "http://localhost:5173");
        refused.Headers.Add("Access-Control-Request-Method", "DELETE");
        var forbidden = await http.SendAsync(refused);

        using var foreign = new HttpRequestMessage(HttpMethod.Options, url);
        foreign.Headers.Add("Origin", "https://evil.example");
        foreign.Headers.Add("Access-Control-Request-Method", "PUT");
        var foreignAnswer = await http.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // The template allows the site's origin only; locally the site is a loopback origin.
        Assert.Equal("http://localhost:5173", ok.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, foreignAnswer.StatusCode);
        Assert.Contains("PUT", ok.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("content-type", ok.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task DeletingAnAttachmentRemovesItsRecordAndBothObjects()
    {
        var system = await SharedSystem.GetAsync();
        var userId = SharedSystem.NewUserId();
        using var client = system.ClientFor(userId);
        var (todoId, attachmentId) = await AttachmentClient.UploadAsync(client, AttachmentClient.Jpeg());
        Assert.Equal("READY", (await AttachmentClient.WaitUntilProcessedAsync(client, todoId, attachmentId)).GetProperty("status").GetString());
        Assert.True(await ExistsAsync(system, $"uploads/{userId}/{todoId}/{attachmentId}"));
        Assert.True(await ExistsAsync(system, $"thumbnails/{userId}/{todoId}/{attachmentId}.webp"));

        var response = await client.DeleteAsync($"api/todos/{todoId}/attachments/{attachmentId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await ExistsAsync(system, $"uploads/{userId}/{todoId}/{attachmentId}"));
        Assert.False(await ExistsAsync(system, $"thumbnails/{userId}/{todoId}/{attachmentId}.webp"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/todos/{todoId}/attachments/{attachmentId}")).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"api/todos/{todoId}")).GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task DeletingATodoRemovesItsAttachmentsAndObjects()
    {
        var system = await SharedSystem.GetAsync();
        var userId = SharedSystem.NewUserId();
        using var client = system.ClientFor(userId);
        var (todoId, attachmentId) = await AttachmentClient.UploadAsync(client, AttachmentClient.Jpeg());
        await AttachmentClient.WaitUntilProcessedAsync(client, todoId, attachmentId);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"api/todos/{todoId}")).StatusCode);

        Assert.False(await ExistsAsync(system, $"uploads/{userId}/{todoId}/{attachmentId}"));
        Assert.False(await ExistsAsync(system, $"thumbnails/{userId}/{todoId}/{attachmentId}.webp"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/todos/{todoId}/attachments/{attachmentId}")).StatusCode);
    }

    /// <summary>Asks fauxqs directly, not through the API or the proxy.</summary>
    private static async Task<bool> ExistsAsync(LocalSystem system, string key)
    {
        using var s3 = AwsClients.S3(system.Aws);
        try
        {
            await s3.GetObjectMetadataAsync(system.Media.BucketName, key);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
