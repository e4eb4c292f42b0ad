using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Microsoft.Extensions.Options;

namespace TodoApp.Functions.GitHub;

public interface IGitHubSecretsSource
{
    Task<GitHubSecrets> GetAsync(CancellationToken ct);
}

/// <summary>Local host and tests: secrets from configuration.</summary>
public sealed class FixedGitHubSecrets(GitHubSecrets secrets) : IGitHubSecretsSource
{
    public Task<GitHubSecrets> GetAsync(CancellationToken ct) => Task.FromResult(secrets);
}

/// <summary>
/// Reads both SecureString parameters once per execution environment and keeps them in memory, so
/// only a cold start pays for SSM. A failed read is not cached: the next invocation tries again.
/// </summary>
public sealed class SsmGitHubSecrets(IAmazonSimpleSystemsManagement ssm, IOptions<GitHubSecretParameters> parameters) : IGitHubSecretsSource
{
    private readonly string _webhookSecretName = parameters.Value.WebhookSecretParameter;
    private readonly string _slackUrlName = parameters.Value.SlackWebhookUrlParameter;
    private readonly Lock _gate = new();
    private Task<GitHubSecrets>? _secrets;

    public Task<GitHubSecrets> GetAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_secrets is null || _secrets.IsFaulted || _secrets.IsCanceled)
            {
                // Not tied to this invocation's token: a cancelled caller must not poison the cache.
                _secrets = LoadAsync();
            }
            return _secrets.WaitAsync(ct);
        }
    }

    private async Task<GitHubSecrets> LoadAsync()
    {
        var secret = ReadAsync(_webhookSecretName);
        var url = ReadAsync(_slackUrlName);
        var slackUrl = await url;
        if (!Uri.TryCreate(slackUrl, UriKind.Absolute, out var slack) || slack.Scheme != Uri.UriSchemeHttps)
        {
            // The value is a credential: name the parameter, never echo its content.
            throw new GitHubConfigurationException($"SSM parameter '{_slackUrlName}' must hold an https Slack webhook URL.");
        }
        return new GitHubSecrets(await secret, slack);
    }

    private async Task<string> ReadAsync(string name)
    {
        var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true });
        return response.Parameter?.Value is { Length: > 0 } value
            ? value
            : throw new GitHubConfigurationException($"SSM parameter '{name}' is empty.");
    }
}
