using System.Net;
using TodoApp.Testing;

namespace TodoApp.Local.Tests;

public sealed class FrontendHostingTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/orders")]
    [InlineData("/some/deep/link")]
    public async Task ClientRoutesGetTheAppWithSecurityHeaders(string path)
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>TodoApp</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/_local/unknown")]
    [InlineData("/webhooks/unknown")]
    public async Task ReservedPathsNeverFallBackToTheApp(string path)
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HashedAssetsAreCachedForAYear()
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };
        var html = await client.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;

        var response = await client.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
    }
}
