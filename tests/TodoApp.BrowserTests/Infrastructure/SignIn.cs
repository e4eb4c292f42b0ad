using TodoApp.Local.Accounts;
using TodoApp.Testing;

namespace TodoApp.BrowserTests.Infrastructure;

/// <summary>
/// The one place a test becomes a user: through the local provider's real sign-in page, as a person
/// would (the app redirects there, the provider redirects back with a code, the app trades it for
/// tokens). The provider's session cookie then lets every later page load sign in without asking.
/// </summary>
public static class SignIn
{
    public static async Task AsUserAsync(IPage page, Uri origin, string userId)
    {
        await page.GotoAsync(origin.ToString());
        await SubmitSignInPageAsync(page, userId);
        await Expect(page.Locator("#account .account-email")).ToHaveTextAsync(EmailOf(userId));
    }

    /// <summary>Fills in the provider's page (the browser must be on it).</summary>
    public static async Task SubmitSignInPageAsync(IPage page, string userId)
    {
        await page.GetByLabel("User name or e-mail").FillAsync(userId);
        await page.GetByLabel("Password").FillAsync(LocalIdentity.DevelopmentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Local accounts other than alice, bob and carol get an address of their own.</summary>
    public static string EmailOf(string userId) => $"{userId}@example.test";

    public static string NewUser() => SharedSystem.NewUserId();
}
