using Microsoft.Playwright;

namespace TodoApp.BrowserTests;

/// <summary>Runs a browser scenario and saves a screenshot when it fails.</summary>
public abstract class BrowserTest(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    protected BrowserFixture Fixture { get; } = fixture;

    protected async Task RunAsync(Func<IPage, Task> scenario, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var (page, _) = await Fixture.NewUserPageAsync();
        try
        {
            await scenario(page);
        }
        catch
        {
            var path = Path.Combine(Path.GetTempPath(), "todoapp-browser-failures", $"{name}-{DateTime.UtcNow:HHmmss}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Console.Error.WriteLine($"Browser test {name} failed; screenshot: {path}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    protected static async Task AddTodoAsync(IPage page, string title)
    {
        await page.GetByLabel("New todo").FillAsync(title);
        await page.GetByLabel("New todo").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".todo .title", new() { HasTextString = title })).ToBeVisibleAsync();
    }
}
