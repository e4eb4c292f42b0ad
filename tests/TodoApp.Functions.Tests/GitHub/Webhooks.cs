using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TodoApp.Functions.Events;
using TodoApp.Functions.GitHub;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>Builds GitHub deliveries as Lambda would hand them over, and functions wired to the real DynamoDB emulator.</summary>
public static class Webhooks
{
    public const string Secret = "test-webhook-secret";

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GitHub", "Payloads", name + ".json"));

    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GitHub", "Samples", name + ".json"));

    public static string NewDeliveryId() => Guid.NewGuid().ToString();

    public static FunctionUrlRequest Delivery(string gitHubEvent, string body, string? deliveryId = null, string? signature = null,
        string method = "POST", bool base64 = false, IDictionary<string, string>? extraHeaders = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = "application/json",
            ["user-agent"] = "GitHub-Hookshot/test",
            ["x-github-event"] = gitHubEvent,
            ["x-github-delivery"] = deliveryId ?? NewDeliveryId(),
            ["x-hub-signature-256"] = signature ?? WebhookSignature.Sign(Secret, bytes),
        };
        foreach (var (key, value) in extraHeaders ?? new Dictionary<string, string>())
        {
            headers[key] = value;
        }
        var context = new FunctionUrlRequestContext(Guid.NewGuid().ToString(), "test.lambda-url.us-east-1.on.aws",
            new FunctionUrlHttp(method, "/", "140.82.115.10", "GitHub-Hookshot/test"), 0);
        return new FunctionUrlRequest("2.0", "/", "", headers, context, base64 ? Convert.ToBase64String(bytes) : body, base64);
    }

    /// <summary>
    /// The function as Lambda builds it, over the DynamoDB emulator, with the test's secrets and Slack;
    /// production limits but a backoff short enough for a test run, unless <paramref name="settings"/> say otherwise.
    /// </summary>
    public static async Task<GitHubToSlackFunction> FunctionAsync(FakeSlack slack, TimeProvider? clock = null,
        IDictionary<string, string?>? settings = null, ILoggerFactory? logs = null, Action<IServiceCollection>? more = null)
    {
        var system = await SharedSystem.GetAsync();
        var values = new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Aws:Region"] = system.Aws.Region,
            ["Aws:DynamoDbServiceUrl"] = system.Aws.DynamoDbServiceUrl,
            ["GitHub:SlackBackoff"] = "00:00:00.020",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return new GitHubToSlackFunction(FunctionHosts.Create(GitHubToSlackFunction.ServiceName, new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            logs ?? NullLoggerFactory.Instance, clock: clock, more: services =>
            {
                WithSlack(services, slack).AddSingleton<IGitHubSecretsSource>(new FixedGitHubSecrets(new GitHubSecrets(Secret, FakeSlack.WebhookUrl)));
                // Last, so a test's own registrations win (the SSM secrets of Lambda, for instance).
                more?.Invoke(services);
            }));
    }

    /// <summary>Slack's side of the function's HTTP client replaced by the fake; the resilience pipeline in front of it stays.</summary>
    public static IServiceCollection WithSlack(IServiceCollection services, FakeSlack slack)
    {
        services.AddHttpClient<SlackClient>().ConfigurePrimaryHttpMessageHandler(() => slack);
        return services;
    }

    /// <summary>Through the Stream handler, exactly as Lambda invokes it.</summary>
    public static async Task<FunctionUrlResponse> InvokeAsync(this GitHubToSlackFunction function, FunctionUrlRequest request)
    {
        using var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, FunctionUrlJsonContext.Default.FunctionUrlRequest));
        await using var output = await function.HandleAsync(input);
        return (await JsonSerializer.DeserializeAsync(output, FunctionUrlJsonContext.Default.FunctionUrlResponse))!;
    }

    public static async Task<bool> IsClaimedAsync(string deliveryId)
    {
        var system = await SharedSystem.GetAsync();
        using var dynamo = Core.Aws.AwsClients.DynamoDb(system.Aws);
        return await new DeliveryStore(dynamo, LocalSystem.TableName, TimeProvider.System, TimeSpan.FromDays(1)).IsClaimedAsync(deliveryId, default);
    }
}
