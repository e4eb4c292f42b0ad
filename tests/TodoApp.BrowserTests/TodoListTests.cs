using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class TodoListTests(ITestOutputHelper output)
{
    [Fact]
    public Task EnterAddsATodoThatSurvivesAReload() => AppSession.RunAsync(output, async app =>
    {
        await app.OpenAsync();
        await Expect(app.Page.GetByText("Nothing to do yet")).ToBeVisibleAsync();

        await app.Page.AddTodoAsync("Buy milk");

        await Expect(app.Page.Item("Buy milk")).ToBeVisibleAsync();
        await Expect(app.Page.Count("all")).ToHaveTextAsync("1");
        await Expect(app.Page.GetByLabel("New todo")).ToHaveValueAsync("");
        await app.ReloadAsync();
        await Expect(app.Page.Item("Buy milk")).ToBeVisibleAsync();
        Assert.Single(await app.Api.ListTodosAsync());
    });

    [Fact]
    public Task CompletingUpdatesTheFilterCountsAndFilters() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Water plants" });
        await app.Api.CreateTodoAsync(new { title = "Call mum" });
        await app.OpenAsync();
        await Expect(app.Page.Count("active")).ToHaveTextAsync("2");

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Call mum" }).CheckAsync();

        await Expect(app.Page.Count("all")).ToHaveTextAsync("2");
        await Expect(app.Page.Count("active")).ToHaveTextAsync("1");
        await Expect(app.Page.Count("completed")).ToHaveTextAsync("1");
        await Expect(app.Page.Item("Call mum")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdone\b"));

        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Completed" }).ClickAsync();
        await Expect(app.Page).ToHaveURLAsync(app.Url("/?status=completed"));
        await Expect(app.Page.Locator("li.todo")).ToHaveCountAsync(1);
        await Expect(app.Page.Item("Call mum")).ToBeVisibleAsync();

        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Active" }).ClickAsync();
        await Expect(app.Page.Locator("li.todo")).ToHaveCountAsync(1);
        await Expect(app.Page.Item("Water plants")).ToBeVisibleAsync();

        await app.ReloadAsync();
        await Expect(app.Page.Item("Water plants")).ToBeVisibleAsync();
        await Expect(app.Page.GetByRole(AriaRole.Link, new() { Name = "Active" })).ToHaveAttributeAsync("aria-current", "page");
    });

    [Fact]
    public Task LoadMoreFetchesTheNextPage() => AppSession.RunAsync(output, async app =>
    {
        for (var i = 1; i <= 23; i++)
        {
            await app.Api.CreateTodoAsync(new { title = $"Task {i:00}" });
        }
        await app.OpenAsync();
        await Expect(app.Page.Locator("li.todo")).ToHaveCountAsync(20);

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();

        await Expect(app.Page.Locator("li.todo")).ToHaveCountAsync(23);
        await Expect(app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Task 03" })).ToBeFocusedAsync();
        await Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToBeHiddenAsync();
    });

    [Fact]
    public Task OverdueTodosAreHighlightedWithTheirLabels() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Renew passport", dueDate = "2020-01-31", labels = new[] { "admin", "travel" } });
        await app.Api.CreateTodoAsync(new { title = "Plan holiday", dueDate = "2999-01-01" });
        await app.OpenAsync();

        await Expect(app.Page.Item("Renew passport")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\boverdue\b"));
        await Expect(app.Page.Item("Renew passport").GetByText("Overdue")).ToBeVisibleAsync();
        await Expect(app.Page.Item("Renew passport").Locator(".chip")).ToHaveTextAsync(["admin", "travel"]);
        await Expect(app.Page.Item("Plan holiday")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\boverdue\b"));
    });
}
