using System.Net;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class HostingTests(ITestOutputHelper output)
{
    [Fact]
    public Task ADeepLinkOpensTheAppAtThatView() => AppSession.RunAsync(output, async app =>
    {
        await app.OpenAsync("/orders");
        await Expect(app.Page.GetByRole(AriaRole.Heading, new() { Name = "Place an order" })).ToBeVisibleAsync();
        await Expect(app.Page.GetByRole(AriaRole.Link, new() { Name = "Orders" })).ToHaveAttributeAsync("aria-current", "page");

        await app.OpenAsync("/no/such/page");
        await Expect(app.Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
    });

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/todos/x/y")]
    [InlineData("/_local/nope")]
    [InlineData("/assets/missing.js")]
    public async Task ServerPathsNeverFallBackToTheApp(string path)
    {
        var system = await TodoApp.Testing.SharedSystem.GetAsync();
        using var http = new HttpClient { BaseAddress = system.BaseAddress };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WritesToServerPathsAnswerAsTheyWouldWithoutTheApp()
    {
        var system = await TodoApp.Testing.SharedSystem.GetAsync();
        using var http = new HttpClient { BaseAddress = system.BaseAddress };
        using var empty = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/nope", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PutAsync("/api/todos/0197a0f0-0000-7000-8000-000000000000", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/orders", empty)).StatusCode);
    }

    [Fact]
    public async Task TheAppShellIsRevalidatedAndAssetsAreCachedForever()
    {
        var system = await TodoApp.Testing.SharedSystem.GetAsync();
        using var http = new HttpClient { BaseAddress = system.BaseAddress };
        var shell = await http.GetAsync("/");
        var html = await shell.Content.ReadAsStringAsync();
        Assert.Equal("no-cache", shell.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", shell.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        var asset = await http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", asset.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
