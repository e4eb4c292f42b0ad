using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.Local.Emulators;

namespace TodoApp.Local.Accounts;

/// <summary>
/// The local stand-in for the Cognito user pool: <c>oidc-provider</c> from <c>infra/local</c> on a free
/// loopback port (see <c>identity.mjs</c>). The API validates its tokens exactly as it validates
/// Cognito's: issuer, keys from the discovery document, lifetime, <c>token_use</c>, <c>client_id</c>.
/// </summary>
public sealed class LocalIdentity : IAsyncDisposable
{
    /// <summary>The app client the API accepts (Cognito's is generated; the local one is fixed).</summary>
    public const string ClientId = "todoapp-local";

    /// <summary>A second app client of the same provider: its tokens are genuine but not for this API.</summary>
    public const string OtherClientId = "todoapp-other";

    /// <summary>The provider's grant for a named account without a browser (scripts, tests); local only.</summary>
    public const string LocalUserGrant = "urn:todoapp:params:grant-type:local-user";

    public static readonly string[] DevelopmentAccounts = ["alice", "bob", "carol"];
    public const string DevelopmentPassword = "password";

    private readonly NodeEmulator _emulator;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private LocalIdentity(NodeEmulator emulator) => _emulator = emulator;

    /// <summary>The issuer, with no trailing slash (as in the tokens and as Cognito's).</summary>
    public string Authority => $"http://127.0.0.1:{_emulator.Port}";

    public IEnumerable<KeyValuePair<string, string?>> ApiConfiguration =>
    [
        new("Auth:Authority", Authority),
        new("Auth:ClientId", ClientId),
    ];

    public static async Task<LocalIdentity> StartAsync(string infraFolder, CancellationToken ct) =>
        new(await NodeEmulator.StartAsync(infraFolder, "identity", [], ct: ct));

    /// <summary>
    /// A real token response (access and ID token, signed by the provider) for <paramref name="user"/>.
    /// <paramref name="expiresIn"/> may be negative for an already expired token.
    /// </summary>
    public async Task<JsonObject> IssueTokensAsync(string user, int? expiresIn = null, string clientId = ClientId, CancellationToken ct = default)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = LocalUserGrant, ["client_id"] = clientId, ["user"] = user };
        if (expiresIn is { } seconds)
        {
            form["expires_in"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var response = await _http.PostAsync($"{Authority}/token", new FormUrlEncodedContent(form), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
        if (!response.IsSuccessStatusCode)
        {
            throw new LocalTokenException((string?)body["error_description"] ?? $"The local provider answered {(int)response.StatusCode}.");
        }
        return body;
    }

    /// <summary>Just the access token of <see cref="IssueTokensAsync"/>: what a script or a test sends as the bearer.</summary>
    public async Task<string> AccessTokenAsync(string user, int? expiresIn = null, string clientId = ClientId, CancellationToken ct = default) =>
        (string)(await IssueTokensAsync(user, expiresIn, clientId, ct))["access_token"]!;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }
}

public sealed class LocalTokenException(string message) : Exception(message);
