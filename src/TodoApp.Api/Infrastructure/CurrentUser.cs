using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TodoApp.Core.Data;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// The one seam for "who is calling". Every endpoint reads the user id from the
/// <see cref="ClaimsPrincipal"/>'s <c>sub</c> claim; today a development scheme signs every request
/// in as one user, and real sign-in replaces only the scheme.
/// </summary>
public static class CurrentUser
{
    public const string Scheme = "Development";
    public const string SubjectClaim = "sub";

    /// <summary>Lets tests and scripts act as distinct users locally, so their data never mixes.</summary>
    public const string DevelopmentUserHeader = "x-dev-user";

    public static IServiceCollection AddCurrentUser(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<DevelopmentUserOptions, DevelopmentUserHandler>(Scheme, _ => { });
        // Authentication pulls in Data Protection, whose hosted service loads (or creates and writes)
        // an XML key ring at start-up, loading OpenSSL on the way. The API issues no cookies or
        // protected payloads: an in-memory provider, and no eager key-ring load, keep that work
        // (and a write to a read-only Lambda home folder) out of every cold start.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        foreach (var eagerKeyRing in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(eagerKeyRing);
        }
        services.AddAuthorization();
        return services;
    }

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirst(SubjectClaim)?.Value ?? throw new InvalidOperationException("The request has no signed-in user.");
}

public sealed class DevelopmentUserOptions : AuthenticationSchemeOptions
{
    public string DefaultUserId { get; set; } = "dev-user";
}

internal sealed class DevelopmentUserHandler(IOptionsMonitor<DevelopmentUserOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<DevelopmentUserOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var requested = Request.Headers[CurrentUser.DevelopmentUserHeader].ToString();
        if (requested.Length > 0 && !Ids.IsWellFormed(requested))
        {
            return Task.FromResult(AuthenticateResult.Fail("x-dev-user must be 1-64 characters of a-z, 0-9 and '-'."));
        }
        var userId = requested.Length > 0 ? requested : Options.DefaultUserId;
        var identity = new ClaimsIdentity([new Claim(CurrentUser.SubjectClaim, userId)], CurrentUser.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), CurrentUser.Scheme)));
    }
}
