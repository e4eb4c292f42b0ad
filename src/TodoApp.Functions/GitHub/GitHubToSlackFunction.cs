using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;
using TodoApp.Core.Settings;

namespace TodoApp.Functions.GitHub;

/// <summary>
/// GitHubToSlackFunction behind a function URL (AuthType NONE: the HMAC signature is the
/// authentication).
/// </summary>
public sealed class GitHubToSlackFunction : IDisposable
{
    public const string ServiceName = "github-to-slack";

    private readonly FunctionHost _host;
    private readonly GitHubWebhook _webhook;
    private readonly ILogger _logger;

    /// <summary>
    /// The host supplies the <see cref="IGitHubSecretsSource"/>: SSM on Lambda (<see cref="AddSsmSecrets"/>),
    /// fixed secrets on the local host and in tests, which may also replace Slack's primary HTTP handler.
    /// </summary>
    public GitHubToSlackFunction(FunctionHost host)
    {
        _host = host;
        var services = host.Start(static services =>
        {
            services.AddSettings(GitHubWebhookOptions.Section, section => section.Get<GitHubWebhookOptions>(), new GitHubWebhookOptionsValidator());
            services.AddDynamoDb();
            services.AddSingleton(sp => new DeliveryStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<TableOptions>().Name,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<GitHubWebhookOptions>().DeliveryTtl));
            SlackClient.AddSlackClient(services);
            services.AddSingleton<GitHubWebhook>();
        });
        _webhook = services.GetRequiredService<GitHubWebhook>();
        _logger = services.GetRequiredService<ILogger<GitHubToSlackFunction>>();
    }

    public static void AddSsmSecrets(IServiceCollection services)
    {
        services.AddSettings(GitHubWebhookOptions.Section, section => section.Get<GitHubSecretParameters>(), new GitHubSecretParametersValidator());
        services.AddSingleton<IAmazonSimpleSystemsManagement>(sp =>
            new AmazonSimpleSystemsManagementClient(AwsClients.Configure(new AmazonSimpleSystemsManagementConfig(), sp.GetRequiredService<AwsOptions>(), null)));
        services.AddSingleton<IGitHubSecretsSource, SsmGitHubSecrets>();
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        using var span = Tracing.StartInvocation("GitHubWebhook", System.Diagnostics.ActivityKind.Server);
        FunctionUrlRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(input, FunctionUrlJsonContext.Default.FunctionUrlRequest);
        }
        catch (JsonException)
        {
            request = null;
        }
        if (request is null)
        {
            return await RespondAsync(FunctionUrlResponse.Problem(400, "Malformed event", "The invocation is not a function URL request."));
        }
        using var scope = FunctionHost.BeginInvocation(_logger, request.RequestId, request.Header("x-github-delivery"));
        span?.SetTag("github.event", request.Header("x-github-event"));
        try
        {
            return await RespondAsync(await _webhook.HandleAsync(request, CancellationToken.None));
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or OperationCanceledException
            or GitHubConfigurationException)
        {
            // SSM or DynamoDB (refused, or out of reach: the SDK's client exceptions and the HTTP stack's),
            // the time budget, or a secret an operator must fix: GitHub shows the 503 and the
            // delivery can be redelivered. Anything else is a bug, and fails the invocation loudly.
            GitHubLog.DependencyFailed(_logger, e);
            span?.AddException(e).SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            return await RespondAsync(FunctionUrlResponse.Problem(503, "Temporarily unavailable", "A dependency failed; redeliver the webhook later."));
        }
    }

    private static Task<Stream> RespondAsync(FunctionUrlResponse response) =>
        FunctionResult.WriteAsync(response, FunctionUrlJsonContext.Default.FunctionUrlResponse);

    public void Dispose() => _host.Dispose();
}
