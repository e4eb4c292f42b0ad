using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Aws;
using TodoApp.Core.Observability;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;

namespace TodoApp.Functions.GitHub;

/// <summary>
/// Lambda entry point behind a function URL (AuthType NONE: the HMAC signature is the
/// authentication). Handler: <c>TodoApp.Functions::TodoApp.Functions.GitHub.GitHubToSlackFunction::HandleAsync</c>.
/// </summary>
public sealed class GitHubToSlackFunction : IDisposable
{
    private readonly GitHubWebhook _webhook;
    private readonly ILogger _logger;
    private readonly List<IDisposable> _owned = [];

    /// <summary>Lambda: once per execution environment, from the template's environment variables.</summary>
    public GitHubToSlackFunction()
    {
        var host = new FunctionHost("github-to-slack");
        var ssm = new AmazonSimpleSystemsManagementClient(AwsClients.Configure(new AmazonSimpleSystemsManagementConfig(), host.Aws, null));
        var dynamo = AwsClients.DynamoDb(host.Aws);
        // Per-try timeouts come from SlackClient; HttpClient's own 100 s default would only mask them.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        _owned.AddRange([host, ssm, dynamo, http]);
        var secrets = new SsmGitHubSecrets(ssm, host.Required("GitHub:WebhookSecretParameter"), host.Required("GitHub:SlackWebhookUrlParameter"));
        (_webhook, _logger) = Compose(secrets, dynamo, host.Required("Table:Name"), http, TimeProvider.System, host.LoggerFactory, new GitHubWebhookOptions(),
            new Metrics(host.Service));
    }

    /// <summary>Tests and the local host: the same handler over their own clients, clock and secrets.</summary>
    public GitHubToSlackFunction(IGitHubSecretsSource secrets, IAmazonDynamoDB dynamo, string tableName, HttpClient slackHttp,
        TimeProvider clock, ILoggerFactory loggerFactory, GitHubWebhookOptions? options = null, Metrics? metrics = null) =>
        (_webhook, _logger) = Compose(secrets, dynamo, tableName, slackHttp, clock, loggerFactory, options ?? new GitHubWebhookOptions(),
            metrics ?? new Metrics("github-to-slack", TextWriter.Null));

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
            return await WriteAsync(FunctionUrlResponse.Problem(400, "Malformed event", "The invocation is not a function URL request."));
        }
        using var scope = FunctionHost.BeginInvocation(_logger, request.RequestId, request.Header("x-github-delivery"));
        span?.SetTag("github.event", request.Header("x-github-event"));
        try
        {
            return await WriteAsync(await _webhook.HandleAsync(request, CancellationToken.None));
        }
        catch (Exception e) when (e is AmazonServiceException or OperationCanceledException or InvalidOperationException)
        {
            // SSM, DynamoDB or the time budget: GitHub shows the 503 and the delivery can be redelivered.
            GitHubLog.DependencyFailed(_logger, e);
            span?.AddException(e).SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            return await WriteAsync(FunctionUrlResponse.Problem(503, "Temporarily unavailable", "A dependency failed; redeliver the webhook later."));
        }
    }

    private static (GitHubWebhook, ILogger) Compose(IGitHubSecretsSource secrets, IAmazonDynamoDB dynamo, string tableName, HttpClient http,
        TimeProvider clock, ILoggerFactory loggers, GitHubWebhookOptions options, Metrics metrics)
    {
        var deliveries = new DeliveryStore(dynamo, tableName, clock, options.DeliveryTtl);
        var slack = new SlackClient(http, clock, options, loggers.CreateLogger<SlackClient>());
        var webhook = new GitHubWebhook(secrets, deliveries, slack, options, clock, loggers.CreateLogger<GitHubWebhook>(), metrics);
        return (webhook, loggers.CreateLogger<GitHubToSlackFunction>());
    }

    private static async Task<Stream> WriteAsync(FunctionUrlResponse response)
    {
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, FunctionUrlJsonContext.Default.FunctionUrlResponse);
        output.Position = 0;
        return output;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
