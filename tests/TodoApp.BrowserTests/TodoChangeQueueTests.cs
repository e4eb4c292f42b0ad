using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

/// <summary>Changes to one todo go out one at a time with the latest version, and a delete is never undone by a late answer.</summary>
public sealed class TodoChangeQueueTests(ITestOutputHelper output)
{
    [Fact]
    public Task ADoubleToggleEndsInTheUsersLastStateWithNoConflict() => AppSession.RunAsync(output, async app =>
    {
        var todo = await app.Api.CreateTodoAsync(new { title = "Flip flop" });
        await app.OpenAsync();
        var release = new TaskCompletionSource();
        await app.Page.RouteAsync("**/api/todos/*", async route =>
        {
            if (route.Request.Method == "PATCH") await release.Task; // the first answer is slow, as on a phone
            await route.FallbackAsync();
        });
        var toggle = app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Flip flop" });

        await toggle.ClickAsync();
        await toggle.ClickAsync();
        release.SetResult();

        await app.Page.ExpectSavedAsync();
        await Expect(toggle).Not.ToBeCheckedAsync();
        await Expect(app.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        var saved = await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{todo["id"]}");
        Assert.False((bool)saved!["completed"]!);
        Assert.Equal(3, (int)saved["version"]!);
    });

    [Fact]
    public Task ADeletedTodoStaysDeletedWhenAChangeSentBeforeFails() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Doomed" });
        app.ExpectFailedRequests();
        await app.OpenAsync();
        var release = new TaskCompletionSource();
        await app.Page.RouteAsync("**/api/todos/*", async route =>
        {
            if (route.Request.Method != "PATCH")
            {
                await route.FallbackAsync();
                return;
            }
            await release.Task;
            await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"status":503}""" });
        });

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Doomed" }).ClickAsync();
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Doomed" }).ClickAsync();
        await Expect(app.Page.Item("Doomed")).ToHaveCountAsync(0);
        release.SetResult();

        // The undo window closes and the DELETE goes out; at no point does the todo come back.
        await Eventually.EqualAsync(0, async () => (await app.Api.ListTodosAsync()).Count, timeoutMs: 15_000);
        await Expect(app.Page.Item("Doomed")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task UndoRestoresTheCurrentVersionSoTheNextEditSaves() => AppSession.RunAsync(output, async app =>
    {
        var todo = await app.Api.CreateTodoAsync(new { title = "Back again" });
        await app.OpenAsync();
        var release = new TaskCompletionSource();
        await app.Page.RouteAsync("**/api/todos/*", async route =>
        {
            if (route.Request.Method == "PATCH") await release.Task;
            await route.FallbackAsync();
        });

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Back again" }).ClickAsync();
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Back again" }).ClickAsync();
        release.SetResult(); // the toggle lands (version 2) while the todo is deleted
        await Eventually.EqualAsync(2, async () => (int)(await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{todo["id"]}"))!["version"]!);
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Back again" })).ToBeCheckedAsync();
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Back again" }).ClickAsync();
        await app.Page.GetByLabel("Title").FillAsync("Back again, edited");
        await app.Page.GetByLabel("Title").PressAsync("Enter");

        await app.Page.ExpectSavedAsync();
        await Expect(app.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Eventually.EqualAsync("Back again, edited", async () => (string?)(await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{todo["id"]}"))!["title"]);
    });

    [Fact]
    public Task AConflictWhoseReloadFailsKeepsTheEditorAndItsText() => AppSession.RunAsync(output, async app =>
    {
        var todo = await app.Api.CreateTodoAsync(new { title = "Contested" });
        app.ExpectFailedRequests();
        await app.OpenAsync();
        await app.Page.RouteAsync($"**/api/todos/{todo["id"]}", route => route.Request.Method switch
        {
            "PATCH" => route.FulfillAsync(new() { Status = 412, ContentType = "application/problem+json", Body = """{"status":412,"title":"Changed elsewhere"}""" }),
            "GET" => route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"status":503}""" }),
            _ => route.FallbackAsync(),
        });

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Contested" }).ClickAsync();
        await app.Page.GetByLabel("Title").FillAsync("My careful wording");
        await app.Page.GetByLabel("Title").PressAsync("Enter");

        await Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed elsewhere");
        await Expect(app.Page.GetByLabel("Title")).ToHaveValueAsync("My careful wording");
    });

    [Fact]
    public Task AHungRequestEndsInAVisibleRetry() => AppSession.RunAsync(output, async app =>
    {
        var todo = await app.Api.CreateTodoAsync(new { title = "Dead line" });
        app.ExpectFailedRequests();
        await app.OpenAsync();
        var hang = true;
        await app.Page.RouteAsync("**/api/todos/*", async route =>
        {
            if (route.Request.Method == "PATCH" && hang) return; // never answered, like a dead connection
            await route.FallbackAsync();
        });

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Dead line" }).ClickAsync();

        var retry = app.Page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Button, new() { Name = "Retry" });
        await Expect(retry).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(app.Page.Locator("li.todo.pending")).ToHaveCountAsync(0);
        hang = false;
        await retry.ClickAsync();
        await app.Page.ExpectSavedAsync();
        await Eventually.EqualAsync(true, async () => (bool)(await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{todo["id"]}"))!["completed"]!);
    });
}
