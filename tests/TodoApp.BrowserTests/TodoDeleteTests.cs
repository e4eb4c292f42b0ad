using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class TodoDeleteTests(ITestOutputHelper output)
{
    [Fact]
    public Task UndoBringsADeletedTodoBack() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Oops" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Oops" }).ClickAsync();
        await Expect(app.Page.Item("Oops")).ToHaveCountAsync(0);
        await Expect(app.Page.Count("all")).ToHaveTextAsync("0");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();

        await Expect(app.Page.Item("Oops")).ToBeVisibleAsync();
        await Expect(app.Page.Count("all")).ToHaveTextAsync("1");
        await app.ReloadAsync();
        await Expect(app.Page.Item("Oops")).ToBeVisibleAsync();
    });

    [Fact]
    public Task ADeleteIsSentWhenTheUndoWindowCloses() => AppSession.RunAsync(output, async app =>
    {
        await app.Api.CreateTodoAsync(new { title = "Gone soon" });
        await app.Api.CreateTodoAsync(new { title = "Stays" });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Gone soon" }).ClickAsync();
        await Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Undo" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        await Eventually.EqualAsync(1, async () => (await app.Api.ListTodosAsync()).Count);
        await app.ReloadAsync();
        await Expect(app.Page.Item("Stays")).ToBeVisibleAsync();
        await Expect(app.Page.Item("Gone soon")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task LeavingThePageSendsAPendingDelete() => AppSession.RunAsync(output, async app =>
    {
        var title = $"Delete then leave {Guid.NewGuid():N}";
        await app.Api.CreateTodoAsync(new { title });
        await app.OpenAsync();

        await app.Page.GetByRole(AriaRole.Button, new() { Name = $"Delete {title}" }).ClickAsync();
        await app.ReloadAsync();

        // The DELETE leaves with the old page (keepalive), so it may land just after the new page's first read.
        await Eventually.EqualAsync(false, async () => (await app.Api.ListTodosAsync()).Any(t => (string?)t!["title"] == title));
        await app.ReloadAsync();
        await Expect(app.Page.Item(title)).ToHaveCountAsync(0);
    });
}
