using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class AttachmentTests(ITestOutputHelper output)
{
    [Fact]
    public Task AttachingAPhotoShowsUploadProgressThenItsThumbnail() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Fix the bike" });
        await app.OpenAsync();
        // Hold the PUT to S3 until the progress bar has been seen: a loopback upload is otherwise over in a blink.
        var release = new TaskCompletionSource();
        await app.Page.RouteAsync(url => url.StartsWith(app.System.Media.Proxy.Url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal), async route =>
        {
            if (route.Request.Method == "PUT") await release.Task;
            await route.ContinueAsync();
        });

        await app.Page.GetByLabel("Attach images to Fix the bike").SetInputFilesAsync(Photos.File("chain.jpg", "image/jpeg", Photos.Jpeg(1600, 1200)));

        await Expect(app.Page.GetByRole(AriaRole.Progressbar, new() { Name = "Uploading chain.jpg" })).ToBeVisibleAsync();
        release.SetResult();
        var thumbnail = app.Page.Item("Fix the bike").GetByRole(AriaRole.Img, new() { Name = "chain.jpg" });
        await Expect(thumbnail).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(app.Page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        // Decoded for real: the presigned GET worked and the CSP let the media origin through.
        var size = await thumbnail.EvaluateAsync<int[]>("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])");
        Assert.Equal([256, 192], size);

        await app.ReloadAsync();
        await Expect(app.Page.Item("Fix the bike").GetByRole(AriaRole.Img, new() { Name = "chain.jpg" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task ClickingAThumbnailOpensTheFullImageAndRemoveDeletesIt() => AppSession.RunAsync(output, async app =>
    {
        var todo = await app.Api.CreateTodoAsync(new { title = "Holiday" });
        await app.OpenAsync();
        await app.Page.GetByLabel("Attach images to Holiday").SetInputFilesAsync(Photos.File("beach.png", "image/png", Photos.Png(900, 600)));
        await Expect(app.Page.GetByRole(AriaRole.Img, new() { Name = "beach.png" })).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Open beach.png" }).ClickAsync();
        var dialog = app.Page.GetByRole(AriaRole.Dialog, new() { Name = "beach.png" });
        await Expect(dialog).ToBeVisibleAsync();
        var full = await dialog.GetByRole(AriaRole.Img).EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)");
        Assert.Equal(900, full);
        await app.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Open beach.png" })).ToBeFocusedAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Remove beach.png" }).ClickAsync();

        await Expect(app.Page.GetByRole(AriaRole.Img, new() { Name = "beach.png" })).ToHaveCountAsync(0);
        await Eventually.EqualAsync(0, async () => (await AttachmentsOfAsync(app, todo)).Count);
    });

    [Fact]
    public Task AFileThatIsNotReallyAnImageEndsFailedWithItsReason() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Receipts" });
        await app.OpenAsync();

        await app.Page.GetByLabel("Attach images to Receipts").SetInputFilesAsync(
            Photos.File("receipt.jpg", "image/jpeg", "This is a text file, not a JPEG."u8.ToArray()));

        var failed = app.Page.Item("Receipts").Locator(".thumb-failed");
        await Expect(failed).ToContainTextAsync("receipt.jpg", new() { Timeout = 20_000 });
        await Expect(failed.Locator(".failure")).Not.ToBeEmptyAsync();
        // The reason is announced as one sentence: quoted name, the server's reason, one full stop.
        await Expect(app.Page.Locator("#toasts .toast-text").Filter(new() { HasText = "could not be used" }))
            .ToHaveTextAsync("“receipt.jpg” could not be used: The file is not a JPEG, PNG, WebP or GIF image.");
    });

    [Fact]
    public Task UnsupportedOrOversizedFilesAreRefusedBeforeAnythingIsSent() => AppSession.RunAsync(output, async app =>
    {
        var todo = await app.Api.CreateTodoAsync(new { title = "Paperwork" });
        await app.OpenAsync();
        var picker = app.Page.GetByLabel("Attach images to Paperwork");

        await picker.SetInputFilesAsync(Photos.File("scan.pdf", "application/pdf", "%PDF-1.7"u8.ToArray()));
        await Expect(app.Page.Item("Paperwork").GetByRole(AriaRole.Alert)).ToContainTextAsync("isn't a supported image");

        // From a file on disk, which the local browser reads itself: 10 MB as a buffer would cross
        // Playwright's pipe as base64 and, on a loaded machine, outlast the action timeout.
        var huge = Path.Combine(Directory.CreateTempSubdirectory("todoapp-huge-").FullName, "huge.png");
        await using (var file = File.Create(huge))
        {
            file.SetLength(10 * 1024 * 1024 + 1);
        }
        await picker.SetInputFilesAsync(huge);
        await Expect(app.Page.Item("Paperwork").GetByRole(AriaRole.Alert)).ToContainTextAsync("at most 10.0 MB");
        Directory.Delete(Path.GetDirectoryName(huge)!, recursive: true);

        Assert.Empty(await AttachmentsOfAsync(app, todo));
    });

    [Fact]
    public Task DroppingAnImageOnATodoAttachesIt() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Garden" });
        await app.OpenAsync();
        var area = app.Page.Item("Garden").Locator(".attachments");

        await area.EvaluateAsync("""
            (el, base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], "roses.png", { type: "image/png" }));
              el.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
              el.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """, Convert.ToBase64String(Photos.Png(400, 300)));

        await Expect(app.Page.Item("Garden").GetByRole(AriaRole.Img, new() { Name = "roses.png" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
    });

    private static async Task<JsonArray> AttachmentsOfAsync(AppSession app, JsonObject todo) =>
        (JsonArray)(await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{todo["id"]}"))!["attachments"]!;
}
