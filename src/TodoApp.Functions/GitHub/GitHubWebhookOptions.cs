using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TodoApp.Core.Settings;

namespace TodoApp.Functions.GitHub;

/// <summary>Limits of one webhook invocation, bound from the <c>GitHub</c> section. Defaults fit GitHub's 10-second delivery timeout.</summary>
public sealed class GitHubWebhookOptions
{
    public const string Section = "GitHub";

    /// <summary>Everything up to the last Slack attempt; releasing a key after a failure comes on top.</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(8);

    public TimeSpan SlackAttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public int SlackMaxAttempts { get; set; } = 4;

    public TimeSpan SlackBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>GitHub payloads are far smaller; the limit keeps a hostile caller from costing memory before the signature check.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>GitHub lets people redeliver for a few days; after that the key may go.</summary>
    public TimeSpan DeliveryTtl { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>By hand, so each message names its setting and no TimeSpan bound is parsed at run time (see <see cref="SettingRanges"/>).</summary>
public sealed class GitHubWebhookOptionsValidator : IValidateOptions<GitHubWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubWebhookOptions options) => new SettingRanges()
        .Check(options.Budget, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(9), "GitHub:Budget must be 1 to 9 seconds: GitHub gives a delivery 10.")
        .Check(options.SlackAttemptTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(9), "GitHub:SlackAttemptTimeout must be 0.1 to 9 seconds.")
        .Check(options.SlackMaxAttempts, 1, 10, "GitHub:SlackMaxAttempts must be 1 to 10.")
        .Check(options.SlackBackoff, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5), "GitHub:SlackBackoff must be 1 ms to 5 seconds.")
        .Check(options.MaxBodyBytes, 1024, 25 * 1024 * 1024, "GitHub:MaxBodyBytes must be 1 KiB to 25 MiB (GitHub's own cap).")
        .Check(options.DeliveryTtl, TimeSpan.FromHours(1), TimeSpan.FromDays(30), "GitHub:DeliveryTtl must be 1 hour to 30 days.")
        .Result;
}

/// <summary>Where the two secrets live in SSM Parameter Store (the template passes the names, never the values).</summary>
public sealed class GitHubSecretParameters
{
    [Required(ErrorMessage = "GitHub:WebhookSecretParameter is required (environment variable GITHUB__WEBHOOKSECRETPARAMETER).")]
    public string WebhookSecretParameter { get; set; } = "";

    [Required(ErrorMessage = "GitHub:SlackWebhookUrlParameter is required (environment variable GITHUB__SLACKWEBHOOKURLPARAMETER).")]
    public string SlackWebhookUrlParameter { get; set; } = "";
}

[OptionsValidator]
public sealed partial class GitHubSecretParametersValidator : IValidateOptions<GitHubSecretParameters>;

/// <summary>A secret's value is unusable (empty, or not an https URL): an operator must fix it, a redelivery alone will not.</summary>
public sealed class GitHubConfigurationException(string message) : Exception(message);

/// <summary>The two secrets; both live in SSM Parameter Store as SecureString.</summary>
public sealed record GitHubSecrets(string WebhookSecret, Uri SlackWebhookUrl)
{
    /// <summary>Records print their members; these must never reach a log line.</summary>
    public override string ToString() => "GitHubSecrets { *** }";
}
