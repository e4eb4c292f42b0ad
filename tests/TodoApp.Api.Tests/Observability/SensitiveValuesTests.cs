using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using TodoApp.Api.Tests.Attachments;
using TodoApp.Api.Tests.Orders;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Observability;

public sealed class SensitiveValuesTests
{
    [Fact]
    public async Task NoLineHoldsASignatureARequestBodyOrACredentialAcrossTodoAttachmentAndOrderFlows()
    {
        var system = await SharedSystem.GetAsync();
        var user = SharedSystem.NewUserId();
        using var client = system.ClientFor(user);
        var token = await system.AccessTokenAsync(user);
        using var logs = await SharedSystem.CaptureLogsAsync();
        var marker = "body-" + Guid.NewGuid().ToString("N");

        var todo = await (await client.PostAsJsonAsync("api/todos", new { title = marker, notes = marker })).Content.ReadFromJsonAsync<JsonElement>();
        var todoId = todo.GetProperty("id").GetString()!;
        var bytes = AttachmentClient.Jpeg(64, 48);
        var created = await (await AttachmentClient.RequestUploadAsync(client, todoId, marker + ".jpg", "image/jpeg", bytes.Length)).Content.ReadFromJsonAsync<JsonElement>();
        var upload = created.GetProperty("upload");
        (await AttachmentClient.PutAsync(upload, bytes)).EnsureSuccessStatusCode();
        var attachment = await AttachmentClient.WaitUntilProcessedAsync(client, todoId, created.GetProperty("attachment").GetProperty("id").GetString()!);
        Assert.Equal("READY", attachment.GetProperty("status").GetString());
        var orderId = await OrdersClient.PlaceAsync(client, new { title = marker, items = new[] { new { description = marker, quantity = 1 } }, notes = marker });
        Assert.Equal("ACCEPTED", (await OrdersClient.WaitUntilFinalAsync(client, orderId)).GetProperty("status").GetString());
        // The processor logs after the order turns ACCEPTED: wait for its line, not for a time.
        var text = await Eventually.UntilAsync(() => logs.Text, t => t.Contains($"Order {orderId} accepted", StringComparison.Ordinal));
        // The capture works: this flow's own lines are there.
        Assert.Contains($"Todo {todoId} created", text, StringComparison.Ordinal);
        Assert.Contains($"Order {orderId} accepted", text, StringComparison.Ordinal);
        string[] secrets =
        [
            Signature(upload.GetProperty("url").GetString()!),
            Signature(attachment.GetProperty("url").GetString()!),
            Signature(attachment.GetProperty("thumbnailUrl").GetString()!),
            "X-Amz-Signature", "X-Amz-Credential", marker, token, "Bearer",
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Signature(string url)
    {
        var signature = HttpUtility.ParseQueryString(new Uri(url).Query)["X-Amz-Signature"];
        Assert.False(string.IsNullOrEmpty(signature), url);
        return signature;
    }
}
