using System.Security.Cryptography;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TodoApp.BrowserTests;

public sealed class TodoAppTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task AddingWithEnterShowsTheTodoAndAReloadKeepsIt() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await Expect(page.GetByText("Nothing to do")).ToBeVisibleAsync();

        await AddTodoAsync(page, "Buy oat milk");
        await page.ReloadAsync();

        await Expect(page.Locator(".todo .title")).ToHaveTextAsync(["Buy oat milk"]);
    });

    [Fact]
    public Task EditingSavesTitleNotesDueDateAndLabels() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await AddTodoAsync(page, "Draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Draft" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Final report");
        await page.GetByLabel("Notes").FillAsync("Send to Sam");
        await page.Locator(".editor").GetByLabel("Due date").FillAsync("2020-01-31");
        await page.Locator(".editor").GetByLabel("Labels").FillAsync("work, urgent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var todo = page.Locator(".todo");
        await Expect(todo.Locator(".title")).ToHaveTextAsync("Final report");
        await Expect(todo.Locator(".notes")).ToHaveTextAsync("Send to Sam");
        await Expect(todo.Locator(".chip")).ToHaveTextAsync(["work", "urgent"]);
        await Expect(todo.Locator(".due.overdue")).ToContainTextAsync("2020-01-31");
        await page.ReloadAsync();
        await Expect(page.Locator(".todo .title")).ToHaveTextAsync("Final report");
    });

    [Fact]
    public Task CompletingMovesTheTodoBetweenFiltersAndUpdatesCounts() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await AddTodoAsync(page, "First");
        await AddTodoAsync(page, "Second");

        await page.GetByLabel("Complete First").CheckAsync();

        var filters = page.Locator(".filters");
        await Expect(filters).ToContainTextAsync("All (2)");
        await Expect(filters).ToContainTextAsync("Active (1)");
        await Expect(filters).ToContainTextAsync("Completed (1)");
        await filters.GetByText("Completed").ClickAsync();
        await Expect(page.Locator(".todo .title")).ToHaveTextAsync(["First"]);
        await filters.GetByText("Active").ClickAsync();
        await Expect(page.Locator(".todo .title")).ToHaveTextAsync(["Second"]);
    });

    [Fact]
    public Task DeleteCanBeUndoneAndOtherwiseSticks() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await AddTodoAsync(page, "Keep me");
        await AddTodoAsync(page, "Drop me");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Keep me" }).ClickAsync();
        await Expect(page.Locator(".todo .title", new() { HasTextString = "Keep me" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Expect(page.Locator(".todo .title", new() { HasTextString = "Keep me" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Drop me" }).ClickAsync();
        await page.WaitForResponseAsync(r => r.Request.Method == "DELETE", new() { Timeout = 10_000 });
        await page.ReloadAsync();
        await Expect(page.Locator(".todo .title")).ToHaveTextAsync(["Keep me"]);
    });

    [Fact]
    public Task AValidationErrorIsShownInPlainWords() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await page.GetByLabel("New todo").FillAsync("Tagged");
        await page.GetByLabel("Labels").FillAsync("not valid!");
        await page.GetByLabel("New todo").PressAsync("Enter");

        await Expect(page.Locator("#add-error")).ToContainTextAsync("lower-case letters, digits");
        await Expect(page.Locator(".todo")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task EveryMutatingRequestCarriesTheSha256OfItsBody() => RunAsync(async page =>
    {
        var checkedRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method is "POST" or "PUT" or "PATCH")
            {
                var body = request.PostDataBuffer ?? [];
                var expected = Convert.ToHexStringLower(SHA256.HashData(body));
                request.Headers.TryGetValue("x-amz-content-sha256", out var actual);
                lock (checkedRequests)
                {
                    checkedRequests.Add($"{request.Method} {new Uri(request.Url).AbsolutePath} {(actual == expected ? "ok" : $"MISMATCH {actual} != {expected}")}");
                }
            }
        };
        await page.GotoAsync("/");
        await AddTodoAsync(page, "Hash me ✓");
        await page.GetByLabel("Complete Hash me ✓").CheckAsync();
        await Expect(page.Locator(".filters")).ToContainTextAsync("Completed (1)");

        Assert.Contains(checkedRequests, r => r.StartsWith("POST /api/todos", StringComparison.Ordinal));
        Assert.Contains(checkedRequests, r => r.StartsWith("PATCH /api/todos/", StringComparison.Ordinal));
        Assert.All(checkedRequests, r => Assert.EndsWith(" ok", r));
    });

    [Fact]
    public Task APlacedOrderBecomesAcceptedAndItsTodosAppear() => RunAsync(async page =>
    {
        await page.GotoAsync("/orders");
        await page.GetByLabel("Order title").FillAsync("Office supplies");
        await page.GetByLabel("Item 1 description").FillAsync("Paper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await page.GetByLabel("Item 2 description").FillAsync("Pens");
        await page.GetByLabel("Item 2 quantity").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Expect(page.Locator(".order .status")).ToHaveTextAsync("ACCEPTED", new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "See todos" }).ClickAsync();
        await Expect(page.Locator(".todo .chip", new() { HasTextString = "order" })).ToHaveCountAsync(2);
    });
}
