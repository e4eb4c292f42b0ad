using Microsoft.Playwright;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.BrowserTests;

/// <summary>
/// Debian's headless Chromium (no browser download) driven by Playwright against the whole local
/// system. One browser per test class; each test gets a fresh context acting as its own user.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public LocalSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await SharedSystem.GetAsync();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {ChromiumPath}: apt-get install chromium");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A page signed in as a fresh user. Until sign-in exists the API takes the development user from
    /// the x-dev-user header; this is the one place that changes when real sign-in lands.
    /// </summary>
    public async Task<(IPage Page, string User)> NewUserPageAsync()
    {
        var user = SharedSystem.NewUserId();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = System.BaseAddress.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["x-dev-user"] = user },
            ViewportSize = new ViewportSize { Width = 900, Height = 800 },
        });
        context.SetDefaultTimeout(10_000);
        return (await context.NewPageAsync(), user);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
