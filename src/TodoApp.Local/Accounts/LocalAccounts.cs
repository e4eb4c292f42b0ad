using System.Text.Json.Serialization;
using TodoApp.Api.Accounts;

namespace TodoApp.Local.Accounts;

/// <summary>
/// What the local host adds around the API for accounts: the token header renaming the Lambda Web
/// Adapter does in AWS, the app's runtime configuration, and a token endpoint for scripts.
/// </summary>
public static class LocalAccounts
{
    /// <summary>The header the browser sends its access token in (see <see cref="AccessTokens.TokenHeader"/>).</summary>
    public const string TokenHeader = AccessTokens.TokenHeader;

    /// <summary>Does what the adapter does, before the API's pipeline, so the API code is identical everywhere.</summary>
    public static WebApplication UseAuthorizationSource(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Request.Headers;
            if (headers.TryGetValue(TokenHeader, out var token))
            {
                headers.Authorization = token;
                headers.Remove(TokenHeader);
            }
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// <c>GET /config.json</c>: where the app signs in. In AWS the pipeline writes the same file from
    /// the stack outputs next to index.html; here it points at the local provider.
    /// <c>POST /_local/token</c> with <c>{"user":"alice"}</c>: a real access token for scripts and
    /// curl. Only the local host maps it; the API project has no such thing.
    /// </summary>
    public static WebApplication MapLocalAccounts(this WebApplication app, LocalIdentity identity)
    {
        var config = new RuntimeConfig(identity.Authority, LocalIdentity.ClientId, "openid email profile", null);
        app.MapGet("/config.json", (HttpResponse response) =>
        {
            response.Headers.CacheControl = "no-cache";
            return TypedResults.Json(config, LocalAccountsJson.Default.RuntimeConfig);
        }).ExcludeFromDescription();

        app.MapPost("/_local/token", async Task<IResult> (LocalTokenRequest request, CancellationToken ct) =>
        {
            try
            {
                var tokens = await identity.IssueTokensAsync(request.User ?? "", ct: ct);
                return TypedResults.Json(tokens, LocalAccountsJson.Default.JsonObject);
            }
            catch (LocalTokenException e)
            {
                return TypedResults.Problem(statusCode: 400, title: "Unknown user", detail: e.Message);
            }
        }).ExcludeFromDescription();
        return app;
    }
}

/// <summary>The frontend's <c>/config.json</c>. <c>SignOutUrl</c> is Cognito's <c>/logout</c> (its discovery document has no end-session endpoint).</summary>
public sealed record RuntimeConfig(string Authority, string ClientId, string Scope, string? SignOutUrl);

public sealed record LocalTokenRequest(string? User);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeConfig))]
[JsonSerializable(typeof(LocalTokenRequest))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class LocalAccountsJson : JsonSerializerContext;
