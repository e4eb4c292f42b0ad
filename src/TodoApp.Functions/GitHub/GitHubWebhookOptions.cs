using System.ComponentModel.DataAnnotations;

namespace TodoApp.Functions.GitHub;

/// <summary>Limits of one webhook invocation, bound from the <c>GitHub</c> section. Defaults fit GitHub's 10-second delivery timeout.</summary>
public sealed class GitHubWebhookOptions
{
    public const string Section = "GitHub";

    /// <summary>Everything up to the last Slack attempt; releasing a key after a failure comes on top.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:09", ErrorMessage = "GitHub:Budget must be 1 to 9 seconds: GitHub gives a delivery 10.")]
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(8);

    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:09", ErrorMessage = "GitHub:SlackAttemptTimeout must be 0.1 to 9 seconds.")]
    public TimeSpan SlackAttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    [Range(1, 10, ErrorMessage = "GitHub:SlackMaxAttempts must be 1 to 10.")]
    public int SlackMaxAttempts { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05", ErrorMessage = "GitHub:SlackBackoff must be 1 ms to 5 seconds.")]
    public TimeSpan SlackBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>GitHub payloads are far smaller; the limit keeps a hostile caller from costing memory before the signature check.</summary>
    [Range(1024, 25 * 1024 * 1024, ErrorMessage = "GitHub:MaxBodyBytes must be 1 KiB to 25 MiB (GitHub's own cap).")]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>GitHub lets people redeliver for a few days; after that the key may go.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00", ErrorMessage = "GitHub:DeliveryTtl must be 1 hour to 30 days.")]
    public TimeSpan DeliveryTtl { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>Where the two secrets live in SSM Parameter Store (the template passes the names, never the values).</summary>
public sealed class GitHubSecretParameters
{
    [Required(ErrorMessage = "GitHub:WebhookSecretParameter is required (environment variable GITHUB__WEBHOOKSECRETPARAMETER).")]
    public string WebhookSecretParameter { get; set; } = "";

    [Required(ErrorMessage = "GitHub:SlackWebhookUrlParameter is required (environment variable GITHUB__SLACKWEBHOOKURLPARAMETER).")]
    public string SlackWebhookUrlParameter { get; set; } = "";
}

/// <summary>A secret's value is unusable (empty, or not an https URL): an operator must fix it, a redelivery alone will not.</summary>
public sealed class GitHubConfigurationException(string message) : Exception(message);

/// <summary>The two secrets; both live in SSM Parameter Store as SecureString.</summary>
public sealed record GitHubSecrets(string WebhookSecret, Uri SlackWebhookUrl)
{
    /// <summary>Records print their members; these must never reach a log line.</summary>
    public override string ToString() => "GitHubSecrets { *** }";
}
