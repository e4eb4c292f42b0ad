using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.BrowserTests.Infrastructure;
using TodoApp.Local.Accounts;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class SessionDraftTests(ITestOutputHelper output)
{
    [Fact]
    public Task AnExpiredSessionDuringAnEditKeepsTheEditorAndThePendingDelete() => AppSession.RunAsync(output, async app =>
    {
        var kept = await app.Api.CreateTodoAsync(new { title = "Write the speech" });
        await app.Api.CreateTodoAsync(new { title = "Throw away" });
        app.ExpectFailedRequests(); // the 401
        await app.OpenAsync();
        // The save presents an access token that expired five minutes ago, as a tab left open overnight would.
        var expired = await app.System.Identity.AccessTokenAsync(app.UserId, expiresIn: -300);
        var replaced = 0;
        await app.Page.RouteAsync("**/api/todos/*", async route =>
        {
            if (route.Request.Method == "PATCH" && Interlocked.Exchange(ref replaced, 1) == 0)
            {
                var headers = new Dictionary<string, string>(await route.Request.AllHeadersAsync()) { [LocalAccounts.TokenHeader] = "Bearer " + expired };
                await route.ContinueAsync(new RouteContinueOptions { Headers = headers });
                return;
            }
            await route.FallbackAsync();
        });
        var backFromSignIn = app.Page.WaitForRequestAsync(r => r.Url.StartsWith(app.Url("/?"), StringComparison.Ordinal) && r.Url.Contains("code=", StringComparison.Ordinal));

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Delete Throw away" }).ClickAsync();
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Write the speech" }).ClickAsync();
        await app.Page.GetByLabel("Notes").FillAsync("Open with the joke about the printer");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await backFromSignIn;
        await Expect(app.Page.Locator("#account .account-email")).ToHaveTextAsync(SignIn.EmailOf(app.UserId));
        await Expect(app.Page.GetByLabel("Notes")).ToHaveValueAsync("Open with the joke about the printer");
        await Expect(app.Page.Item("Throw away")).ToHaveCountAsync(0);
        await Eventually.EqualAsync(1, async () => (await app.Api.ListTodosAsync()).Count);

        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await app.Page.ExpectSavedAsync();
        await Eventually.EqualAsync("Open with the joke about the printer",
            async () => (string?)(await app.Api.GetFromJsonAsync<JsonObject>($"/api/todos/{kept["id"]}"))!["notes"]);
    });

    [Fact]
    public Task DraftsOfAnotherUserAreNotShown() => AppSession.RunAsync(output, async app =>
    {
        app.ExpectFailedRequests(); // the 401
        await app.OpenAsync();
        await app.Page.Context.ClearCookiesAsync(); // the provider will ask who is signing in
        var expired = await app.System.Identity.AccessTokenAsync(app.UserId, expiresIn: -300);
        await app.Page.RouteAsync("**/api/todos", async route =>
        {
            var headers = new Dictionary<string, string>(await route.Request.AllHeadersAsync()) { [LocalAccounts.TokenHeader] = "Bearer " + expired };
            await (route.Request.Method == "POST" ? route.ContinueAsync(new RouteContinueOptions { Headers = headers }) : route.FallbackAsync());
        });

        await app.Page.GetByLabel("New todo").FillAsync("Private thought");
        await app.Page.GetByLabel("New todo").PressAsync("Enter");
        await Expect(app.Page.GetByLabel("Password")).ToBeVisibleAsync();
        var someoneElse = SignIn.NewUser();
        await SignIn.SubmitSignInPageAsync(app.Page, someoneElse);

        await Expect(app.Page.Locator("#account .account-email")).ToHaveTextAsync(SignIn.EmailOf(someoneElse));
        await Expect(app.Page.GetByText("Nothing to do yet")).ToBeVisibleAsync();
        await Expect(app.Page.GetByLabel("New todo")).ToHaveValueAsync("");
    });
}
