using TodoApp.Testing;

namespace TodoApp.BrowserTests.Infrastructure;

/// <summary>
/// The one place a test becomes a user. Today the API trusts the x-dev-user header, added here to
/// requests for the app's own origin only; when real sign-in arrives, this becomes a sign-in step.
/// </summary>
public static class SignIn
{
    public static async Task AsUserAsync(IBrowserContext context, Uri origin, string userId)
    {
        var prefix = origin.GetLeftPart(UriPartial.Authority);
        await context.RouteAsync(url => url.StartsWith(prefix + "/", StringComparison.Ordinal), async route =>
        {
            var headers = new Dictionary<string, string>(await route.Request.AllHeadersAsync()) { ["x-dev-user"] = userId };
            await route.ContinueAsync(new RouteContinueOptions { Headers = headers });
        });
    }

    public static string NewUser() => SharedSystem.NewUserId();

    /// <summary>
    /// The user the API assumes when a request names none. Requests the browser sends after a page has
    /// gone (keepalive fetches on pagehide) leave without Playwright's injected header, so a test of
    /// that path must be this user. Real sign-in travels with the request itself and removes this caveat.
    /// </summary>
    public const string DefaultDevelopmentUser = "dev-user";
}
