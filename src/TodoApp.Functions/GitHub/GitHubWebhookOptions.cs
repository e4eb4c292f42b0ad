namespace TodoApp.Functions.GitHub;

/// <summary>Limits of one webhook invocation. Defaults fit GitHub's 10-second delivery timeout.</summary>
public sealed record GitHubWebhookOptions
{
    /// <summary>Everything up to the last Slack attempt; releasing a key after a failure comes on top.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan SlackAttemptTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int SlackMaxAttempts { get; init; } = 4;

    public TimeSpan SlackBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>GitHub payloads are far smaller; the limit keeps a hostile caller from costing memory before the signature check.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>GitHub lets people redeliver for a few days; after that the key may go.</summary>
    public TimeSpan DeliveryTtl { get; init; } = TimeSpan.FromDays(3);
}

/// <summary>The two secrets; both live in SSM Parameter Store as SecureString.</summary>
public sealed record GitHubSecrets(string WebhookSecret, Uri SlackWebhookUrl)
{
    /// <summary>Records print their members; these must never reach a log line.</summary>
    public override string ToString() => "GitHubSecrets { *** }";
}
