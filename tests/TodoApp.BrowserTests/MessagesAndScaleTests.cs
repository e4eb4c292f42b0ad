using System.IO.Compression;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class MessagesAndScaleTests(ITestOutputHelper output)
{
    /// <summary>The JavaScript budget docs/api.md states ("The app"), gzipped, as the browser receives it.</summary>
    private const int JavaScriptBudgetBytes = 36 * 1024;

    [Fact]
    public Task SuccessIsAnnouncedWithoutCoveringTheListAndErrorsInterrupt() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Quiet news" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Quiet news" }).ClickAsync();
        await app.Page.ExpectSavedAsync();

        await Expect(app.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Completed “Quiet news”.");
        Assert.Equal(0, await app.Page.Locator("#toasts .toast").CountAsync()); // at once, not after a toast timed out
    });

    [Fact]
    public Task AnUndoToastWaitsWhileThePointerIsOnIt() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Hover me" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Hover me" }).ClickAsync();
        var undo = app.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" });
        await undo.HoverAsync();

        // Well past the 6-second undo window, the toast is still there because it is being read.
        await app.Page.WaitForFunctionAsync("() => new Promise(r => setTimeout(() => r(true), 8000))", null, new() { Timeout = 15_000 });
        await Expect(undo).ToBeVisibleAsync();
        await undo.ClickAsync();
        await Expect(app.Page.Item("Hover me")).ToBeVisibleAsync();
    });

    [Fact]
    public Task AnOrdersTodosLoadInOneRequestAndAToggleRebuildsOnlyItsOwnTodo() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Unrelated" });
        await app.OpenAsync("/orders");
        await app.Page.GetByLabel("Order title").FillAsync("Big order");
        await app.Page.GetByLabel("Item 1", new() { Exact = true }).FillAsync("Line one");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await app.Page.GetByLabel("Item 2", new() { Exact = true }).FillAsync("Line two");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        var order = app.Page.Locator("li.order").Filter(new() { HasText = "Big order" });
        await Expect(order.Locator(".badge")).ToHaveTextAsync("Accepted", new() { Timeout = 20_000 });
        var todoRequests = 0;
        app.Page.Request += (_, r) => { if (r.Url.Contains("/api/todos", StringComparison.Ordinal)) Interlocked.Increment(ref todoRequests); };

        await order.GetByRole(AriaRole.Link, new() { Name = "Show the 2 todos it created" }).ClickAsync();
        await Expect(app.Page.Item("Line two")).ToBeVisibleAsync();
        Assert.Equal(1, todoRequests);

        await app.Page.Item("Line two").EvaluateAsync("li => li.dataset.marked = 'yes'");
        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Line one" }).ClickAsync();
        await app.Page.ExpectSavedAsync();
        await Expect(app.Page.Item("Line two")).ToHaveAttributeAsync("data-marked", "yes");
    });

    [Fact]
    public Task TheJavaScriptSentToTheBrowserStaysWithinItsBudget() => AppSession.RunAsync(output, async app =>
    {
        var scripts = new List<string>();
        app.Page.Response += (_, r) => { if (r.Request.ResourceType == "script") lock (scripts) scripts.Add(r.Url); };
        await app.ReloadAsync();

        long gzipped = 0;
        foreach (var url in scripts.Distinct())
        {
            // The same bytes the browser loaded (a body read after the sign-in redirects is no longer available in the page).
            var body = await app.Api.GetByteArrayAsync(url);
            using var sink = new MemoryStream();
            await using (var gzip = new GZipStream(sink, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                await gzip.WriteAsync(body);
            }
            gzipped += sink.Length;
        }
        Assert.NotEmpty(scripts);
        Assert.True(gzipped <= JavaScriptBudgetBytes, $"The app sends {gzipped} bytes of gzipped JavaScript; the budget is {JavaScriptBudgetBytes}.");
    });
}
