using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TodoApp.Core.Aws;
using TodoApp.Functions.GitHub;
using TodoApp.Functions.Hosting;

namespace TodoApp.Local.GitHub;

/// <summary>
/// The GitHub function on the local host: <c>/webhooks/github</c> plays its function URL (every
/// method, so the handler's 405 is what a wrong method sees) and a local sink plays Slack.
/// </summary>
public static class LocalGitHub
{
    public const string WebhookPath = "/webhooks/github";
    public const string DefaultSecret = "local-webhook-secret";

    public static WebApplication MapLocalGitHub(this WebApplication app, AwsOptions aws, string tableName)
    {
        var sink = new LocalSlackSink();
        sink.Map(app);
        // Built on the first webhook: the sink's URL is the server's own address, known only once it listens.
        var function = new Lazy<GitHubToSlackFunction>(() => Create(app, aws, tableName));
        app.Map(WebhookPath, (Delegate)((HttpContext http) => FunctionUrlBridge.InvokeAsync(http, function.Value.HandleAsync))).ExcludeFromDescription();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            if (function.IsValueCreated)
            {
                function.Value.Dispose();
            }
        });
        return app;
    }

    private static GitHubToSlackFunction Create(WebApplication app, AwsOptions aws, string tableName)
    {
        var secret = app.Configuration["GitHub:WebhookSecret"] is { Length: > 0 } configured ? configured : DefaultSecret;
        var slackUrl = app.Configuration["GitHub:SlackWebhookUrl"] is { Length: > 0 } url
            ? new Uri(url)
            : new Uri(new Uri(ServerAddress(app)), LocalSlackSink.Path);
        // Lambda's environment for the function: the table and, locally, the emulators; the GitHub section as configured.
        var configuration = new ConfigurationBuilder().AddConfiguration(app.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Table:Name"] = tableName,
            ["Aws:Region"] = aws.Region,
            ["Aws:DynamoDbServiceUrl"] = aws.DynamoDbServiceUrl,
        }).Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        return new GitHubToSlackFunction(new FunctionHost(GitHubToSlackFunction.ServiceName, configuration, services => services
            .AddSingleton(loggers)
            .AddSingleton<IGitHubSecretsSource>(new FixedGitHubSecrets(new GitHubSecrets(secret, slackUrl)))));
    }

    private static string ServerAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
}
