using System.Net;
using System.Text.Json;
using TodoApp.Local.Accounts;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Accounts;

/// <summary>Which tokens open the API: only a live access token for this app client from the authority.</summary>
public sealed class AccessTokenTests
{
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "/api/todos" }, { "GET", "/api/todos/counts" }, { "POST", "/api/todos" }, { "GET", "/api/todos/some-id" },
        { "PATCH", "/api/todos/some-id" }, { "DELETE", "/api/todos/some-id" }, { "POST", "/api/todos/some-id/attachments" },
        { "GET", "/api/todos/some-id/attachments/a1" }, { "DELETE", "/api/todos/some-id/attachments/a1" },
        { "GET", "/api/orders" }, { "POST", "/api/orders" }, { "GET", "/api/orders/some-id" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryEndpointWithoutATokenIs401ProblemWithABearerChallenge(string method, string path)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.AnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PATCH")
        {
            request.Content = new StringContent("""{"title":"x"}""", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var problem = await response.ProblemAsync();
        Assert.Equal(401, (int)problem["status"]!);
        Assert.Contains("access token", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheckNeedsNoToken()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.AnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task AnAccessTokenFromTheProviderOpensTheApiAsItsSubject()
    {
        var system = await SharedSystem.GetAsync();
        var user = SharedSystem.NewUserId();
        var token = await Tokens.AccessTokenAsync(system, user);

        using var response = await Tokens.GetWithTokenAsync(system, "/api/todos", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredAccessTokenIs401()
    {
        var system = await SharedSystem.GetAsync();
        var token = await Tokens.AccessTokenAsync(system, SharedSystem.NewUserId(), expiresIn: -300);

        using var response = await Tokens.GetWithTokenAsync(system, "/api/todos", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccessTokenSignedWithAnotherKeyIs401()
    {
        var system = await SharedSystem.GetAsync();
        var forged = await Tokens.ForgedAsync(system, SharedSystem.NewUserId());

        using var response = await Tokens.GetWithTokenAsync(system, "/api/todos", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnAccessTokenIssuedToAnotherAppClientIs401()
    {
        var system = await SharedSystem.GetAsync();
        var token = await Tokens.AccessTokenAsync(system, SharedSystem.NewUserId(), clientId: LocalIdentity.OtherClientId);

        using var response = await Tokens.GetWithTokenAsync(system, "/api/todos", token);

        Assert.Equal(LocalIdentity.OtherClientId, Tokens.Payload(token).GetProperty("client_id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnIdTokenInsteadOfAnAccessTokenIs401()
    {
        var system = await SharedSystem.GetAsync();
        var tokens = await Tokens.FromProviderAsync(system, SharedSystem.NewUserId());
        var idToken = tokens.GetProperty("id_token").GetString()!;

        using var response = await Tokens.GetWithTokenAsync(system, "/api/todos", idToken);

        // Same issuer, same key, aud = our client id: only token_use tells it apart.
        Assert.Equal(LocalIdentity.ClientId, Tokens.Payload(idToken).GetProperty("aud").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task LocalAccessTokensAreShapedLikeCognitosWithNoAudience()
    {
        var system = await SharedSystem.GetAsync();
        var user = SharedSystem.NewUserId();

        var claims = Tokens.Payload(await Tokens.AccessTokenAsync(system, user));

        Assert.Equal(user, claims.GetProperty("sub").GetString());
        Assert.Equal("access", claims.GetProperty("token_use").GetString());
        Assert.Equal(LocalIdentity.ClientId, claims.GetProperty("client_id").GetString());
        Assert.Equal(system.Identity.Authority, claims.GetProperty("iss").GetString());
        Assert.Contains("openid", claims.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.False(claims.TryGetProperty("aud", out _), "Cognito access tokens have no aud; local ones must not either.");
    }

    [Fact]
    public async Task TheLocalTokenEndpointGivesAWorkingTokenForADevelopmentAccount()
    {
        var system = await SharedSystem.GetAsync();

        using var issued = await Tokens.PostLocalTokenAsync(system, "alice");
        var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        using var response = await Tokens.GetWithTokenAsync(system, "/api/todos/counts", body.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("alice", Tokens.Payload(body.GetProperty("access_token").GetString()!).GetProperty("sub").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheLocalTokenEndpointRejectsAUserNameThatCannotBeAnId()
    {
        var system = await SharedSystem.GetAsync();

        using var response = await Tokens.PostLocalTokenAsync(system, "../Admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentSaysHowToSendTheTokenAndThatWayWorks()
    {
        var system = await SharedSystem.GetAsync();
        using var anonymous = system.AnonymousClient();
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).JsonAsync();

        var scheme = document["components"]!["securitySchemes"]!["accessToken"]!;
        Assert.Equal(("apiKey", "header"), ((string?)scheme["type"], (string?)scheme["in"]));
        var operations = document["paths"]!.AsObject()
            .Where(path => path.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Route: $"{operation.Key} {path.Key}", Operation: operation.Value!)))
            .ToList();
        Assert.True(operations.Count >= 10, $"Only {operations.Count} /api operations in the document.");
        Assert.All(operations, o => Assert.True(
            o.Operation["security"]?.AsArray().Any(requirement => requirement!.AsObject().ContainsKey("accessToken")) == true,
            $"{o.Route} does not say it needs the access token."));

        // Do what the document says: its header name, "Bearer " and a token.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/todos/counts");
        request.Headers.Add((string)scheme["name"]!, "Bearer " + await system.AccessTokenAsync(SharedSystem.NewUserId()));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(request)).StatusCode);
    }
}
