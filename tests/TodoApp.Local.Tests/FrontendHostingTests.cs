using System.Net;
using TodoApp.Local;
using TodoApp.Local.Frontend;
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

    [Fact]
    public async Task ThePolicyAllowsMediaFromTheS3EndpointAndNothingElse()
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };

        var csp = (await client.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();

        var media = system.Media.Proxy.Url.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"img-src 'self' data: blob: {media};", csp, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' {media} ", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("*", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/todos")]
    [InlineData("/api/unknown")]
    [InlineData("/healthz")]
    public async Task ApiAnswersCarryTheCommonSecurityHeadersToo(string path)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/_local/unknown")]
    [InlineData("/webhooks/unknown")]
    [InlineData("/api/todos/x/y")]
    [InlineData("/assets/missing.js")]
    public async Task ReservedPathsNeverFallBackToTheApp(string path)
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WritesToServerPathsAnswerAsTheyWouldWithoutTheApp()
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };
        using var empty = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/nope", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PutAsync("/api/todos/0197a0f0-0000-7000-8000-000000000000", empty)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/orders", empty)).StatusCode);
    }

    [Fact]
    public async Task HashedAssetsAreCachedForAYearAndTheShellHasNoInlineScript()
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };
        var html = await client.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;

        var response = await client.GetAsync(script);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class SecurityHeadersTests
{
    [Fact]
    public void TheLocalPolicyIsTheTemplatesWithComputedOriginsMappedToLocalOnes()
    {
        var csp = SecurityHeaders.Localize(
            "default-src 'self';\n  img-src 'self' https://todoapp-media-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.amazonaws.com;\n" +
            "  connect-src 'self' https://cognito-idp.${AWS::Region}.amazonaws.com\n  https://todoapp-${Stage}.auth.${AWS::Region}.amazoncognito.com",
            new Dictionary<string, Uri>
            {
                ["todoapp-media-"] = new("http://127.0.0.1:4567/"),
                ["cognito-idp."] = new("http://127.0.0.1:7000"),
                [".amazoncognito.com"] = new("http://127.0.0.1:7000"),
            });

        Assert.Equal("default-src 'self'; img-src 'self' http://127.0.0.1:4567; connect-src 'self' http://127.0.0.1:7000", csp);
    }

    [Fact]
    public void AComputedOriginWithNoLocalCounterpartStopsStartUp()
    {
        var e = Assert.Throws<LocalSystemException>(() => SecurityHeaders.Localize(
            "connect-src 'self' https://auth-${Stage}.example.com", new Dictionary<string, Uri>()));

        Assert.Contains("https://auth-${Stage}.example.com", e.Message, StringComparison.Ordinal);
    }
}
