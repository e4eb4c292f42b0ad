using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TodoApp.Local;
using TodoApp.Local.Accounts;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Accounts;

/// <summary>Tokens the tests present: real ones from the local provider, and forgeries made here.</summary>
internal static class Tokens
{
    public static async Task<JsonElement> FromProviderAsync(LocalSystem system, string user, int? expiresIn = null, string clientId = LocalIdentity.ClientId) =>
        JsonSerializer.SerializeToElement(await system.Identity.IssueTokensAsync(user, expiresIn, clientId));

    public static Task<string> AccessTokenAsync(LocalSystem system, string user, int? expiresIn = null, string clientId = LocalIdentity.ClientId) =>
        system.Identity.AccessTokenAsync(user, expiresIn, clientId);

    /// <summary>
    /// The provider's real access token for <paramref name="user"/>, claim for claim and with the
    /// provider's key id, but signed with a throwaway key: only the signature is wrong.
    /// </summary>
    public static async Task<string> ForgedAsync(LocalSystem system, string user)
    {
        var genuine = new JsonWebToken(await AccessTokenAsync(system, user));
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = genuine.Kid };
        var claims = JsonSerializer.Deserialize<Dictionary<string, object>>(Base64UrlEncoder.Decode(genuine.EncodedPayload))!;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            JsonSerializer.Serialize(claims), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(LocalSystem system, string path, string? token)
    {
        using var client = system.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Add(LocalAccounts.TokenHeader, "Bearer " + token);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await client.SendAsync(request);
    }

    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(new JsonWebToken(token).EncodedPayload)).RootElement;

    public static async Task<HttpResponseMessage> PostLocalTokenAsync(LocalSystem system, string user)
    {
        using var client = system.AnonymousClient();
        return await client.PostAsJsonAsync("/_local/token", new { user });
    }
}
