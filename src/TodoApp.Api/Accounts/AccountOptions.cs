using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TodoApp.Api.Accounts;

/// <summary>
/// Who issues the access tokens the API accepts, bound from the <c>Auth</c> section. In AWS the
/// authority is the Cognito user pool (<c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>),
/// locally the loopback OpenID Connect provider; either way its discovery document names the keys.
/// </summary>
public sealed class AccountOptions
{
    public const string Section = "Auth";

    [Required(ErrorMessage = "Auth:Authority is required (environment variable AUTH__AUTHORITY): the token issuer, e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123.")]
    public string Authority { get; set; } = "";

    [Required(ErrorMessage = "Auth:ClientId is required (environment variable AUTH__CLIENTID): the app client whose access tokens the API accepts.")]
    public string ClientId { get; set; } = "";

    /// <summary>The issuer exactly as tokens carry it (Cognito's has no trailing slash).</summary>
    public string Issuer => (Authority ?? "").TrimEnd('/');

    /// <summary>Plain HTTP is accepted only for a provider on this machine (the local host's).</summary>
    public bool IsLoopback => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
}

[OptionsValidator]
public sealed partial class AccountOptionsDataValidator : IValidateOptions<AccountOptions>;

/// <summary>Beyond presence: an absolute URL, and HTTPS unless the provider is on loopback.</summary>
public sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        if (string.IsNullOrEmpty(options.Authority))
        {
            return ValidateOptionsResult.Skip; // Reported by the data annotations above.
        }
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return ValidateOptionsResult.Fail($"Auth:Authority must be an https:// URL (http:// only on loopback); got '{options.Authority}'.");
        }
        return ValidateOptionsResult.Success;
    }
}
