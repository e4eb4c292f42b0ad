using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class FocusAndNavigationTests(ITestOutputHelper output)
{
    [Fact]
    public Task FocusLandsOnTheNextTodoWhenTheFocusedOneLeavesTheList() => AppSession.RunAsync(output, async app =>
    {
        foreach (var title in new[] { "Third", "Second", "First" })
        {
            await app.Api.CreateTodoAsync(new { title });
        }
        await app.OpenAsync("/?status=active");

        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: First" }).FocusAsync();
        await app.Page.Keyboard.PressAsync("Space");

        await Expect(app.Page.Item("First")).ToHaveCountAsync(0);
        await Expect(app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Second" })).ToBeFocusedAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Second" }).FocusAsync();
        await app.Page.Keyboard.PressAsync("Enter");
        await Expect(app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Third" })).ToBeFocusedAsync();
        await app.Page.ExpectSavedAsync();
    });

    [Fact]
    public Task AFilterLinkKeepsFocusAndEveryViewNamesItselfInTheTitle() => AppSession.RunAsync(output, async app =>
    {
        await app.OpenAsync();
        await Expect(app.Page).ToHaveTitleAsync("Todos – TodoApp");

        var active = app.Page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Active") });
        await active.FocusAsync();
        await app.Page.Keyboard.PressAsync("Enter");

        await Expect(app.Page).ToHaveTitleAsync("Active todos – TodoApp");
        await Expect(active).ToHaveAttributeAsync("aria-current", "page");
        await Expect(active).ToBeFocusedAsync();

        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await Expect(app.Page).ToHaveTitleAsync("Orders – TodoApp");
        await Expect(app.Page.GetByRole(AriaRole.Heading, new() { Name = "Place an order" })).ToBeFocusedAsync();
    });

    [Fact]
    public Task SkipToContentMovesFocusWithoutReloadingTheView() => AppSession.RunAsync(output, async app =>
    {
        await app.OpenAsync("/orders");
        await app.Page.GetByLabel("Order title").FillAsync("Half typed");
        var reloads = 0;
        app.Page.Request += (_, r) => { if (r.Url.Contains("/api/orders", StringComparison.Ordinal)) Interlocked.Increment(ref reloads); };

        await app.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }).FocusAsync();
        await app.Page.Keyboard.PressAsync("Enter");

        await Expect(app.Page.Locator("main")).ToBeFocusedAsync();
        await Expect(app.Page.GetByLabel("Order title")).ToHaveValueAsync("Half typed");
        Assert.Equal(0, reloads);
    });

    [Fact]
    public Task UndoAfterSwitchingFilterShowsTheTodoAtOnce() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Come back" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Come back" }).ClickAsync();
        await app.Page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Active") }).ClickAsync();
        await Expect(app.Page).ToHaveURLAsync(app.Url("/?status=active"));
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(app.Page.Item("Come back")).ToBeVisibleAsync();
        await Expect(app.Page.Count("active")).ToHaveTextAsync("1");
    });
}
