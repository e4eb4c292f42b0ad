using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class AccessibilityTests(ITestOutputHelper output)
{
    [Fact]
    public Task EverythingWorksWithTheKeyboardAlone() => AppSession.RunAsync(output, async app =>
    {
        var keys = app.Page.Keyboard;
        await app.OpenAsync();
        await Expect(app.Page.GetByLabel("New todo")).ToBeFocusedAsync();

        await keys.TypeAsync("Pay rent");
        await keys.PressAsync("Enter");
        await app.Page.ExpectSavedAsync();
        await Expect(app.Page.GetByLabel("New todo")).ToBeFocusedAsync();

        // Add button, three filters, then the todo's checkbox.
        for (var i = 0; i < 5; i++)
        {
            await keys.PressAsync("Tab");
        }
        var toggle = app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Pay rent" });
        await Expect(toggle).ToBeFocusedAsync();
        await keys.PressAsync("Space");
        await Expect(app.Page.Count("completed")).ToHaveTextAsync("1");
        await Expect(toggle).ToBeFocusedAsync();

        await keys.PressAsync("Tab");
        await keys.PressAsync("Enter");
        await Expect(app.Page.GetByLabel("Title")).ToBeFocusedAsync();
        await keys.PressAsync("End");
        await keys.TypeAsync(" on time");
        await keys.PressAsync("Enter");
        await app.Page.ExpectSavedAsync();
        var edit = app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Pay rent on time" });
        await Expect(edit).ToBeFocusedAsync();

        await keys.PressAsync("Tab");
        await keys.PressAsync("Enter");
        await Expect(app.Page.Item("Pay rent on time")).ToHaveCountAsync(0);
        await keys.PressAsync("Control+z");
        await Expect(app.Page.Item("Pay rent on time")).ToBeVisibleAsync();
        await Expect(app.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Restored");
    });

    [Fact]
    public Task APhoneWidthScreenNeedsNoSidewaysScrolling() => AppSession.RunAsync(output, async app =>
    {
        await app.Page.SetViewportSizeAsync(360, 740);
        await app.Api.CreateTodoAsync(new
        {
            title = "A rather long title that goes on and on to see whether it wraps instead of overflowing",
            notes = "Supercalifragilisticexpialidocious-and-then-some-more-without-any-spaces-at-all",
            dueDate = "2020-02-02",
            labels = new[] { "one", "two", "three", "four", "five" },
        });
        foreach (var path in new[] { "/", "/orders" })
        {
            await app.OpenAsync(path);
            var overflow = await app.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a 360px screen");
        }
    });
}
