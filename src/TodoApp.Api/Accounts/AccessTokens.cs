using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using TodoApp.Api.Infrastructure;
using TodoApp.Core.Data;
using TodoApp.Core.Settings;

namespace TodoApp.Api.Accounts;

/// <summary>
/// Signed-in users: a bearer access token from the configured authority (Cognito in AWS), checked for
/// issuer, signature (keys from the authority's discovery document, fetched on first use and cached),
/// lifetime, <c>token_use</c> = access and <c>client_id</c> = our app client. Cognito access tokens
/// carry no <c>aud</c>, so the client id is what ties a token to this app; an ID token (which has
/// <c>aud</c> = client id but <c>token_use</c> = id) is refused.
/// </summary>
public static class AccessTokens
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>
    /// The header callers send <c>Bearer &lt;token&gt;</c> in. Behind CloudFront, origin access control
    /// signs the function URL request with its own <c>Authorization</c> header, so the token travels in
    /// this one and the Lambda Web Adapter (<c>AWS_LWA_AUTHORIZATION_SOURCE</c> in template.yaml) moves
    /// it into <c>Authorization</c>, where the bearer handler reads it.
    /// </summary>
    public const string TokenHeader = "x-todo-authorization";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSettings(AccountOptions.Section, section => section.Get<AccountOptions>(), new AccountOptionsDataValidator(), new AccountOptionsValidator());
        services.AddAuthentication(Scheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<AccountOptions>(Configure);
        services.AddHostedService<SigningKeysWarmup>();
        AvoidDataProtectionAtStartup(services);
        services.AddAuthorization();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, AccountOptions accounts)
    {
        jwt.Authority = accounts.Issuer;
        jwt.RequireHttpsMetadata = !accounts.IsLoopback;
        // Keep the token's own claim names: the user id is "sub", not a WS-Federation URI.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = accounts.Issuer,
            ValidateAudience = false, // Cognito access tokens have no aud; client_id is checked below.
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = CurrentUser.SubjectClaim,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                if (principal.FindFirst("token_use")?.Value != "access")
                {
                    context.Fail("Only access tokens are accepted (token_use must be 'access').");
                }
                else if (principal.FindFirst("client_id")?.Value != accounts.ClientId)
                {
                    context.Fail("The token was issued to another app client.");
                }
                else if (!Ids.IsWellFormed(principal.FindFirst(CurrentUser.SubjectClaim)?.Value))
                {
                    // The user id becomes part of every key the user owns: it must be a plain id.
                    context.Fail("The token's subject is not a valid user id.");
                }
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// Authentication pulls in Data Protection, whose hosted service loads (or creates and writes) an
    /// XML key ring at start-up, loading OpenSSL on the way. The API issues no cookies or protected
    /// payloads: an in-memory provider, and no eager key-ring load, keep that work (and a write to a
    /// read-only Lambda home folder) out of every cold start.
    /// </summary>
    private static void AvoidDataProtectionAtStartup(IServiceCollection services)
    {
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        foreach (var eagerKeyRing in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(eagerKeyRing);
        }
    }
}
