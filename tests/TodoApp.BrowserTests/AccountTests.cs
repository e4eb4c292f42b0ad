using TodoApp.BrowserTests.Infrastructure;
using TodoApp.Local.Accounts;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class AccountTests(ITestOutputHelper output)
{
    [Fact]
    public Task SignedInUsersSeeTheirEmailAndSigningOutEndsTheSession() => AppSession.RunAsync(output, async app =>
    {
        await app.OpenAsync();
        await Expect(app.Page.Locator("#account")).ToContainTextAsync(SignIn.EmailOf(app.UserId));

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(app.Page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        await Expect(app.Page.Locator("#account")).ToBeEmptyAsync();
        // The provider's session is over too: signing in again asks for the password.
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(app.Page.GetByLabel("Password")).ToBeVisibleAsync();
        await SignIn.SubmitSignInPageAsync(app.Page, app.UserId);
        await Expect(app.Page.Locator("#account .account-email")).ToHaveTextAsync(SignIn.EmailOf(app.UserId));
    });

    [Fact]
    public Task WhenTheSessionHasExpiredSigningInAgainKeepsWhatYouTyped() => AppSession.RunAsync(output, async app =>
    {
        app.ExpectFailedRequests(); // the 401
        await app.OpenAsync();
        // The next save presents an access token that expired five minutes ago (a real one from the
        // provider), as a tab left open overnight would: the API itself answers 401.
        var expired = await app.System.Identity.AccessTokenAsync(app.UserId, expiresIn: -300);
        var replaced = 0;
        await app.Page.RouteAsync("**/api/todos", async route =>
        {
            if (route.Request.Method == "POST" && Interlocked.Exchange(ref replaced, 1) == 0)
            {
                var headers = new Dictionary<string, string>(await route.Request.AllHeadersAsync()) { [LocalAccounts.TokenHeader] = "Bearer " + expired };
                await route.ContinueAsync(new RouteContinueOptions { Headers = headers });
                return;
            }
            await route.ContinueAsync();
        });
        var rejected = app.Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/todos", StringComparison.Ordinal) && r.Request.Method == "POST");
        var backFromSignIn = app.Page.WaitForRequestAsync(r => r.Url.StartsWith(app.Url("/?"), StringComparison.Ordinal) && r.Url.Contains("code=", StringComparison.Ordinal));

        await app.Page.GetByLabel("New todo").FillAsync("Call the plumber");
        await app.Page.GetByLabel("New todo").PressAsync("Enter");

        Assert.Equal(401, (await rejected).Status);
        // Off to the provider and straight back (its session is still alive): a new page, text restored.
        await backFromSignIn;
        await Expect(app.Page.GetByLabel("New todo")).ToHaveValueAsync("Call the plumber");
        await Expect(app.Page.Locator("#account .account-email")).ToHaveTextAsync(SignIn.EmailOf(app.UserId));
        await app.Page.GetByLabel("New todo").PressAsync("Enter");
        await app.Page.ExpectSavedAsync();
        await Eventually.EqualAsync(1, async () => (await app.Api.ListTodosAsync()).Count(t => (string?)t!["title"] == "Call the plumber"));
    });
}
