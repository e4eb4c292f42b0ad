using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class TodoEditingTests(ITestOutputHelper output)
{
    [Fact]
    public Task EditingChangesEveryFieldInPlace() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Draft report" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Draft report" }).ClickAsync();
        await Expect(app.Page.GetByLabel("Title")).ToBeFocusedAsync();
        await app.Page.GetByLabel("Title").FillAsync("Final report");
        await app.Page.GetByLabel("Notes").FillAsync("Send to Alex");
        await app.Page.GetByLabel("Due date").FillAsync("2999-03-04");
        await app.Page.GetByLabel("Labels").FillAsync("work, Urgent");
        await app.Page.GetByLabel("Labels").PressAsync("Enter");

        var item = app.Page.Item("Final report");
        await Expect(item.Locator(".todo-notes")).ToHaveTextAsync("Send to Alex");
        await Expect(item.Locator("time")).ToHaveAttributeAsync("datetime", "2999-03-04");
        await Expect(item.Locator(".chip")).ToHaveTextAsync(["work", "urgent"]);
        await Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Final report" })).ToBeFocusedAsync();
        await app.Page.ExpectSavedAsync();

        await app.ReloadAsync();
        await Expect(app.Page.Item("Final report").Locator(".chip")).ToHaveTextAsync(["work", "urgent"]);
        var saved = (await app.Api.ListTodosAsync())[0]!;
        Assert.Equal("Send to Alex", (string?)saved["notes"]);
    });

    [Fact]
    public Task EscapeCancelsAnEditWithoutSaving() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Keep me" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Keep me" }).ClickAsync();
        await app.Page.GetByLabel("Title").FillAsync("Changed");
        await app.Page.GetByLabel("Title").PressAsync("Escape");

        await Expect(app.Page.Item("Keep me")).ToBeVisibleAsync();
        await Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Keep me" })).ToBeFocusedAsync();
        Assert.Equal("Keep me", (string?)(await app.Api.ListTodosAsync())[0]!["title"]);
    });

    [Fact]
    public Task AnInvalidLabelIsExplainedNextToTheField() => AppSession.RunAsync(output, async app =>
    {
        app.ExpectFailedRequests(); // the 400
        await app.Api.CreateTodoAsync(new { title = "Tag me" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Tag me" }).ClickAsync();
        await app.Page.GetByLabel("Labels").FillAsync("not valid!");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var labels = app.Page.GetByLabel("Labels");
        await Expect(labels).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(labels).ToHaveValueAsync("not valid!");
        await Expect(labels).ToBeFocusedAsync();
        var error = app.Page.Locator(".field-labels .field-error");
        await Expect(error).ToContainTextAsync("lower-case letters");
        Assert.Empty((JsonArray)(await app.Api.ListTodosAsync())[0]!["labels"]!);
    });

    [Fact]
    public Task SavingAStaleTodoReloadsItAndSaysItChangedElsewhere() => AppSession.RunAsync(output, async app =>
    {
        app.ExpectFailedRequests(); // the 412
        var todo = await app.Api.CreateTodoAsync(new { title = "Shared list" });
        await app.OpenAsync();
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Shared list" }).ClickAsync();

        // Someone else adds notes in another tab.
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/todos/{todo["id"]}")
        {
            Content = new StringContent("""{"notes":"Added elsewhere"}""", Encoding.UTF8, "application/json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await app.Api.SendAsync(patch)).EnsureSuccessStatusCode();

        await app.Page.GetByLabel("Title").FillAsync("Shared shopping list");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed elsewhere");
        await Expect(app.Page.GetByLabel("Notes")).ToHaveValueAsync("Added elsewhere");
        await Expect(app.Page.GetByLabel("Title")).ToHaveValueAsync("Shared shopping list");

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(app.Page.Item("Shared shopping list").Locator(".todo-notes")).ToHaveTextAsync("Added elsewhere");
        await app.Page.ExpectSavedAsync();
        var saved = await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{todo["id"]}");
        Assert.Equal("Shared shopping list", (string?)saved!["title"]);
    });

    [Fact]
    public Task AFailedChangeRollsBackAndSaysWhy() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Flaky toggle" });
        app.ExpectFailedRequests();
        await app.Page.RouteAsync("**/api/todos/*", route => route.Request.Method == "PATCH"
            ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"status":503,"detail":"The database is having a moment."}""" })
            : route.FallbackAsync());
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Flaky toggle" }).ClickAsync();

        await Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not saved: The database is having a moment.");
        await Expect(app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Flaky toggle" })).Not.ToBeCheckedAsync();
        await Expect(app.Page.Count("completed")).ToHaveTextAsync("0");
    });
}
