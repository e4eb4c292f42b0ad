using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace TodoApp.Functions.GitHub;

public readonly record struct SlackOutcome(bool Delivered, int Attempts, string Detail);

/// <summary>
/// Posts to a Slack incoming webhook within the webhook's deadline. The retries live in the
/// HttpClient's resilience pipeline (<see cref="AddSlackClient"/>): a timeout per try, retries on
/// 429 (waiting what Retry-After asks, when that still fits the deadline), 5xx and network errors
/// with jittered backoff, all inside a total timeout that ends at the deadline. Anything else (400
/// invalid_payload, 403, 404 no_service, 410) will not get better by retrying.
/// </summary>
public sealed partial class SlackClient(HttpClient http, TimeProvider clock)
{
    /// <summary>A try with less time than this left is not worth starting.</summary>
    private static readonly TimeSpan MinimumTry = TimeSpan.FromMilliseconds(200);
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("slack.deadline");
    private static readonly ResiliencePropertyKey<int> Attempts = new("slack.attempts");

    /// <summary>Never throws for Slack's failures: the caller needs an outcome to release its claim.</summary>
    public async Task<SlackOutcome> PostAsync(Uri webhook, SlackMessage message, DateTimeOffset deadline, CancellationToken ct)
    {
        if (deadline - clock.GetUtcNow() < MinimumTry)
        {
            return new SlackOutcome(false, 0, "no time left for a try");
        }
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(Deadline, deadline);
        context.Properties.Set(Attempts, 1);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(message, GitHubJsonContext.Default.SlackMessage)) { Headers = { ContentType = Json } },
            };
            request.SetResilienceContext(context);
            using var response = await http.SendAsync(request, ct);
            var attempts = context.Properties.GetValue(Attempts, 1);
            return response.IsSuccessStatusCode
                ? new SlackOutcome(true, attempts, "ok")
                : new SlackOutcome(false, attempts, $"Slack answered {(int)response.StatusCode}");
        }
        catch (TimeoutRejectedException)
        {
            return new SlackOutcome(false, context.Properties.GetValue(Attempts, 1), "no answer within the deadline");
        }
        catch (HttpRequestException e)
        {
            // The message names host and port at most; the webhook path (the credential) is not in it.
            return new SlackOutcome(false, context.Properties.GetValue(Attempts, 1), e.Message);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The typed client and its pipeline, outermost first: the deadline, the retries, one try's timeout.</summary>
    public static IHttpClientBuilder AddSlackClient(IServiceCollection services)
    {
        // The webhook holds its client for the life of the environment: connections, not handlers, are recycled.
        var builder = services.AddHttpClient<SlackClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's request logging prints the URL, and a Slack webhook URL is a credential.
            .RemoveAllLoggers();
        builder.AddResilienceHandler("slack", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<GitHubWebhookOptions>>().Value;
            var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILogger<SlackClient>>();
            pipeline.TimeProvider = clock;
            pipeline
                .AddTimeout(new HttpTimeoutStrategyOptions
                {
                    // The webhook's budget, whatever of it is left when the post starts.
                    TimeoutGenerator = args => ValueTask.FromResult(Max(args.Context.Properties.GetValue(Deadline, default) - clock.GetUtcNow(), TimeSpan.FromMilliseconds(1))),
                })
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.SlackMaxAttempts - 1,
                    Delay = options.SlackBackoff,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    // Transient (429, 5xx, 408, network, a try's timeout), and a Retry-After that still fits the deadline.
                    ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) &&
                        clock.GetUtcNow() + RetryAfter(args.Outcome.Result, clock) + MinimumTry <= args.Context.Properties.GetValue(Deadline, default)),
                    OnRetry = args =>
                    {
                        args.Context.Properties.Set(Attempts, args.AttemptNumber + 2);
                        LogRetrying(logger, args.AttemptNumber + 1, Reason(args.Outcome), args.RetryDelay);
                        return default;
                    },
                })
                .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.SlackAttemptTimeout });
        });
        return builder;
    }

    private static TimeSpan RetryAfter(HttpResponseMessage? response, TimeProvider clock) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => Max(date - clock.GetUtcNow(), TimeSpan.Zero),
        _ => TimeSpan.Zero,
    };

    private static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"status {(int)response.StatusCode}" : outcome.Exception?.GetType().Name ?? "unknown";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack try {Attempt} failed ({Reason}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int attempt, string reason, TimeSpan delay);
}
