using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

// How the server answers each path (fallback, caching, headers) is tested over HTTP in TodoApp.Local.Tests.
public sealed class NavigationTests(ITestOutputHelper output)
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
}
