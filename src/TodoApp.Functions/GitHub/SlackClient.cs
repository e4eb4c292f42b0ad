using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace TodoApp.Functions.GitHub;

public readonly record struct SlackOutcome(bool Delivered, int Attempts, string Detail);

/// <summary>
/// Posts to a Slack incoming webhook within a deadline: a timeout per try, retries on 429 (waiting
/// what Retry-After asks when that still fits) and on 5xx or network errors with jittered backoff.
/// Anything else (400 invalid_payload, 403, 404 no_service, 410) will not get better by retrying.
/// </summary>
public sealed partial class SlackClient(HttpClient http, TimeProvider clock, GitHubWebhookOptions options, ILogger<SlackClient> logger)
{
    /// <summary>A try with less time than this left is not worth starting.</summary>
    private static readonly TimeSpan MinimumTry = TimeSpan.FromMilliseconds(200);
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<SlackOutcome> PostAsync(Uri webhook, SlackMessage message, DateTimeOffset deadline, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, GitHubJsonContext.Default.SlackMessage);
        for (var attempt = 1; ; attempt++)
        {
            var remaining = deadline - clock.GetUtcNow();
            if (remaining < MinimumTry)
            {
                return new SlackOutcome(false, attempt - 1, "no time left for another try");
            }
            var (outcome, wait) = await TryOnceAsync(webhook, payload, attempt, Min(options.SlackAttemptTimeout, remaining), ct);
            if (outcome is { } done)
            {
                return done;
            }
            if (attempt >= options.SlackMaxAttempts)
            {
                return new SlackOutcome(false, attempt, "gave up after the last try");
            }
            if (clock.GetUtcNow() + wait + MinimumTry > deadline)
            {
                return new SlackOutcome(false, attempt, $"the next try ({wait.TotalSeconds:0.#} s away) would miss the deadline");
            }
            LogRetrying(logger, attempt, wait);
            await Task.Delay(wait, clock, ct);
        }
    }

    /// <summary>Either a final outcome, or how long to wait before the next try.</summary>
    private async Task<(SlackOutcome? Outcome, TimeSpan Wait)> TryOnceAsync(Uri webhook, byte[] payload, int attempt, TimeSpan timeout, CancellationToken ct)
    {
        using var perTry = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, perTry.Token);
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(webhook, content, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                return (new SlackOutcome(true, attempt, "ok"), default);
            }
            var status = (int)response.StatusCode;
            LogRejected(logger, status, attempt);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (null, RetryAfter(response) ?? Backoff(attempt));
            }
            return status >= 500
                ? (null, Backoff(attempt))
                : (new SlackOutcome(false, attempt, $"Slack answered {status}"), default);
        }
        catch (OperationCanceledException) when (perTry.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            LogTimedOut(logger, attempt, timeout);
            return (null, Backoff(attempt));
        }
        catch (HttpRequestException e)
        {
            // The message names host and port at most; the webhook path (the credential) is not in it.
            LogNetworkError(logger, attempt, e.Message);
            return (null, Backoff(attempt));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Exponential with "equal jitter": at least half the step, so retries never bunch at zero.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = options.SlackBackoff * Math.Pow(2, attempt - 1);
        return step / 2 + step / 2 * Random.Shared.NextDouble();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack answered {StatusCode} on try {Attempt}")]
    private static partial void LogRejected(ILogger logger, int statusCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not answer try {Attempt} within {Timeout}")]
    private static partial void LogTimedOut(ILogger logger, int attempt, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack try {Attempt} failed: {Error}")]
    private static partial void LogNetworkError(ILogger logger, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying Slack after try {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int attempt, TimeSpan delay);
}
