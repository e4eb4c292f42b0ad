using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Local.Accounts;
using TodoApp.Testing;

namespace TodoApp.Local.Tests;

public sealed class LocalAccountsTests
{
    [Fact]
    public async Task ConfigJsonPointsTheAppAtTheLocalProvider()
    {
        var system = await SharedSystem.GetAsync();
        using var http = system.AnonymousClient();

        var config = await http.GetFromJsonAsync<JsonElement>("/config.json");
        var discovery = await http.GetFromJsonAsync<JsonElement>($"{config.GetProperty("authority").GetString()}/.well-known/openid-configuration");

        Assert.Equal(system.Identity.Authority, config.GetProperty("authority").GetString());
        Assert.Equal(LocalIdentity.ClientId, config.GetProperty("clientId").GetString());
        Assert.Equal(system.Identity.Authority, discovery.GetProperty("issuer").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task TheAppsCspLetsItTalkToTheProviderAndTheMediaEndpointAndNothingElse()
    {
        var system = await SharedSystem.GetAsync();
        using var http = system.AnonymousClient();

        var csp = (await http.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();

        var connect = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("connect-src", StringComparison.Ordinal));
        Assert.Equal($"connect-src 'self' {system.Media.Proxy.Url.GetLeftPart(UriPartial.Authority)} {system.Identity.Authority}", connect);
    }

    [Fact]
    public async Task TheTokenHeaderAndAPlainAuthorizationHeaderBothReachTheApiAsAuthorization()
    {
        var system = await SharedSystem.GetAsync();
        var token = await system.AccessTokenAsync(SharedSystem.NewUserId());
        using var http = system.AnonymousClient();

        using var viaTokenHeader = new HttpRequestMessage(HttpMethod.Get, "/api/todos/counts");
        viaTokenHeader.Headers.Add(LocalAccounts.TokenHeader, "Bearer " + token);
        using var viaAuthorization = new HttpRequestMessage(HttpMethod.Get, "/api/todos/counts");
        viaAuthorization.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(viaTokenHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(viaAuthorization)).StatusCode);
    }

    [Fact]
    public async Task TheSignInPageRefusesAWrongPassword()
    {
        var system = await SharedSystem.GetAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true };
        using var browser = new HttpClient(handler);
        var authorize = $"{system.Identity.Authority}/auth?client_id={LocalIdentity.ClientId}&response_type=code&scope=openid" +
            $"&redirect_uri={Uri.EscapeDataString(system.BaseAddress.ToString())}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s";

        var page = await browser.GetAsync(authorize);
        var form = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "action=\"([^\"]+)\"").Groups[1].Value;
        var rejected = await browser.PostAsync(new Uri(page.RequestMessage!.RequestUri!, form),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "not-the-password" }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign in to TodoApp", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Contains("don't match", WebUtility.HtmlDecode(await rejected.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
