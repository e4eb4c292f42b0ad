using System.Runtime.CompilerServices;
using TodoApp.Local;
using TodoApp.Testing;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests.Infrastructure;

/// <summary>
/// A fresh user, signed in through the real sign-in page, in a fresh browser context on the shared
/// local system. Everything the page logs as an error (including CSP violations) fails the test; a
/// failing test leaves a screenshot and prints its path.
/// </summary>
public sealed class AppSession
{
    private readonly List<string> _pageErrors = [];
    private bool _failuresExpected;

    private AppSession(LocalSystem system, IPage page, string userId)
    {
        System = system;
        Page = page;
        UserId = userId;
        Api = system.ClientFor(userId);
    }

    public LocalSystem System { get; }
    public IPage Page { get; }
    public string UserId { get; }

    /// <summary>The same user's API, for arranging data or checking what the page did.</summary>
    public HttpClient Api { get; }

    /// <summary>For tests that provoke a failed request or an error status on purpose: those are then not page errors.</summary>
    public void ExpectFailedRequests() => _failuresExpected = true;

    public string Url(string path = "/") => new Uri(System.BaseAddress, path).ToString();

    public static Task RunAsync(ITestOutputHelper output, Func<AppSession, Task> test, [CallerMemberName] string name = "") =>
        RunAsync(output, SignIn.NewUser(), test, name);

    public static async Task RunAsync(ITestOutputHelper output, string userId, Func<AppSession, Task> test, [CallerMemberName] string name = "")
    {
        var system = await SharedSystem.GetAsync();
        var browser = await Browsers.GetAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", TimezoneId = "UTC" });
        context.SetDefaultTimeout(10_000);
        SetDefaultExpectTimeout(10_000);
        var page = await context.NewPageAsync();
        var session = new AppSession(system, page, userId);
        page.Console += (_, m) =>
        {
            // Chromium logs every 4xx/5xx response; only tests that provoke one on purpose may see it.
            var failedRequest = m.Text.StartsWith("Failed to load resource: ", StringComparison.Ordinal);
            if (m.Type == "error" && !(failedRequest && session._failuresExpected))
            {
                session._pageErrors.Add($"console: {m.Text}");
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !session._failuresExpected)
            {
                session._pageErrors.Add($"response: {r.Status} {r.Request.Method} {r.Url}");
            }
        };
        page.RequestFailed += (_, r) =>
        {
            // A navigation (the trip to sign-in) cancels what the old page had in flight: not a failure.
            if (r.Failure != "net::ERR_ABORTED" && !session._failuresExpected)
            {
                session._pageErrors.Add($"request failed: {r.Failure} {r.Method} {r.Url}");
            }
        };
        page.PageError += (_, e) => session._pageErrors.Add($"page error: {e}");
        try
        {
            await SignIn.AsUserAsync(page, system.BaseAddress, userId);
            await test(session);
            Assert.True(session._pageErrors.Count == 0, "The page reported errors:\n" + string.Join("\n", session._pageErrors));
        }
        catch (Exception e)
        {
            var path = await SaveScreenshotAsync(page, name);
            output.WriteLine($"Screenshot of the failure: {path}");
            throw new BrowserTestException($"{e.Message}\nScreenshot: {path}\nUser: {userId}", e);
        }
    }

    public async Task OpenAsync(string path = "/")
    {
        await Page.GotoAsync(Url(path), new() { WaitUntil = WaitUntilState.Commit });
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Tokens live in page memory only, so every load goes to the provider and straight back; the
    /// browser may swap the page's renderer on the way, so this waits for the app, not for the load event.
    /// </summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
        await WaitUntilReadyAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        await Expect(Page.Locator("#account .account-email")).ToBeVisibleAsync(); // signed in, back on the app
        await Expect(Page.Locator("main > *")).Not.ToHaveCountAsync(0);
        await Expect(Page.Locator("main .state-loading")).ToHaveCountAsync(0);
    }

    private static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var path = Path.Combine(folder, $"{name}-{DateTime.UtcNow:HHmmss}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        }
        catch (PlaywrightException e)
        {
            return $"(no screenshot: {e.Message})";
        }
        return path;
    }
}

public sealed class BrowserTestException(string message, Exception inner) : Exception(message, inner);
