using System.Text.Json;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

/// <summary>
/// axe-core (the frontend's dev dependency, injected) finds no WCAG 2.1 A or AA violation on any
/// screen, on a desktop and a phone, in the light and the dark theme.
/// </summary>
public sealed class AxeTests(ITestOutputHelper output)
{
    public static TheoryData<int, string> Screens => new() { { 1280, "light" }, { 1280, "dark" }, { 390, "light" }, { 390, "dark" } };

    [Theory]
    [MemberData(nameof(Screens))]
    public Task EveryScreenPassesAxe(int width, string theme) => AppSession.RunAsync(output, async app =>
    {
        await app.Page.SetViewportSizeAsync(width, 900);
        await app.Page.EmulateMediaAsync(new() { ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await app.Api.CreateTodoAsync(new { title = "Overdue and labelled", notes = "Some notes", dueDate = "2020-01-01", labels = new[] { "home" } });
        await app.Api.CreateTodoAsync(new { title = "Plain" });
        var violations = new List<string>();

        await app.OpenAsync();
        await app.Page.GetByLabel("Attach images to Overdue and labelled").SetInputFilesAsync(Photos.File("view.png", "image/png", Photos.Png(600, 400)));
        await Expect(app.Page.GetByRole(AriaRole.Img, new() { Name = "view.png" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Plain" }).ClickAsync();
        await app.Page.ExpectSavedAsync();
        violations.AddRange(await AxeAsync(app.Page, "todos"));

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Open view.png" }).ClickAsync();
        await Expect(app.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(app.Page, "image dialog"));
        await app.Page.Keyboard.PressAsync("Escape");

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Overdue and labelled" }).ClickAsync();
        violations.AddRange(await AxeAsync(app.Page, "editor"));
        await app.Page.Keyboard.PressAsync("Escape");

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Plain" }).ClickAsync();
        violations.AddRange(await AxeAsync(app.Page, "undo toast"));

        app.ExpectFailedRequests(); // the 503 below
        await app.Page.RouteAsync("**/api/todos/*", route => route.Request.Method == "PATCH"
            ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = """{"status":503}""" })
            : route.FallbackAsync());
        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Overdue and labelled" }).ClickAsync();
        await Expect(app.Page.Locator(".toast-error")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(app.Page, "error toast"));
        await app.Page.UnrouteAllAsync();

        await app.OpenAsync("/orders");
        violations.AddRange(await AxeAsync(app.Page, "orders"));

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(app.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(app.Page, "signed out"));
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(app.Page.GetByLabel("Password")).ToBeVisibleAsync();
        violations.AddRange(await AxeAsync(app.Page, "sign-in page"));

        Assert.True(violations.Count == 0, $"axe at {width}px, {theme}:\n" + string.Join("\n", violations));
    });

    private static async Task<IEnumerable<string>> AxeAsync(IPage page, string screen)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe === 'object'"))
        {
            // Evaluated through the debugging protocol, so the app's Content-Security-Policy does not apply to it.
            await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        }
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }))
              .violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ") + " " + (n.any[0]?.message ?? "")).join("; ")})`)
            """);
        return result.EnumerateArray().Select(v => $"{screen}: {v.GetString()}");
    }

    private static string AxeScript => Path.Combine(TodoApp.Local.RepoPaths.FindRoot(), "frontend", "node_modules", "axe-core", "axe.min.js");
}
