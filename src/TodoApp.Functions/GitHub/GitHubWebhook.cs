using System.Text.Json;
using Microsoft.Extensions.Logging;
using TodoApp.Functions.Events;
using static TodoApp.Functions.Events.FunctionUrlResponse;

namespace TodoApp.Functions.GitHub;

/// <summary>
/// One GitHub delivery, start to end: refuse what is not a signed POST, turn the event into a Slack
/// message, claim the delivery id, post, and release the claim if Slack never took the message.
/// </summary>
public sealed class GitHubWebhook(
    IGitHubSecretsSource secrets, DeliveryStore deliveries, SlackClient slack, GitHubWebhookOptions options, TimeProvider clock, ILogger<GitHubWebhook> logger,
    Core.Observability.Metrics metrics)
{
    private static readonly Dictionary<string, string> AllowPost = new() { ["allow"] = "POST" };

    public async Task<FunctionUrlResponse> HandleAsync(FunctionUrlRequest request, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Budget;
        using var budget = new CancellationTokenSource(options.Budget, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(405, "Method not allowed", "GitHub webhooks are delivered with POST.", AllowPost);
        }
        if (request.Header("content-type") is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(415, "Unsupported content type", "Set the webhook's content type to application/json.");
        }
        // Base64 grows by a third: refuse an oversized body before decoding it.
        if ((request.Body?.Length ?? 0) > options.MaxBodyBytes / 3 * 4 + 4)
        {
            return Problem(413, "Payload too large", $"Webhook bodies are limited to {options.MaxBodyBytes} bytes.");
        }
        byte[] body;
        try
        {
            body = request.BodyBytes();
        }
        catch (FormatException)
        {
            return Problem(400, "Malformed body", "The event says the body is base64 but it is not.");
        }
        if (body.Length > options.MaxBodyBytes)
        {
            return Problem(413, "Payload too large", $"Webhook bodies are limited to {options.MaxBodyBytes} bytes.");
        }

        var secret = await secrets.GetAsync(linked.Token);
        if (!WebhookSignature.IsValid(secret.WebhookSecret, body, request.Header(WebhookSignature.HeaderName)))
        {
            GitHubLog.SignatureRejected(logger, request.Header(WebhookSignature.HeaderName) is null ? "missing" : "invalid", request.RequestContext?.Http?.SourceIp);
            return Problem(401, "Invalid signature", "X-Hub-Signature-256 must be the HMAC-SHA256 of the body with the webhook secret.");
        }
        var gitHubEvent = request.Header("x-github-event");
        var deliveryId = request.Header("x-github-delivery");
        if (!IsToken(gitHubEvent) || !IsToken(deliveryId))
        {
            return Problem(400, "Missing GitHub headers", "X-GitHub-Event and X-GitHub-Delivery are required.");
        }
        if (gitHubEvent == "ping")
        {
            GitHubLog.Ping(logger, deliveryId);
            return Json(200, new WebhookOutcome("pong"), GitHubJsonContext.Default.WebhookOutcome);
        }

        FormattedEvent formatted;
        try
        {
            formatted = GitHubEventFormatter.Format(gitHubEvent, body);
        }
        catch (JsonException e)
        {
            GitHubLog.Unreadable(logger, gitHubEvent, deliveryId, e.Message);
            return Problem(400, "Unreadable payload", $"The body is not a valid '{gitHubEvent}' payload.");
        }
        if (formatted.Message is not { } message)
        {
            GitHubLog.Ignored(logger, gitHubEvent, formatted.Action ?? "-", deliveryId);
            return Empty(204);
        }

        bool claimed;
        SlackOutcome outcome;
        try
        {
            claimed = await deliveries.TryClaimAsync(deliveryId, gitHubEvent, linked.Token);
            // Slack gets the caller's token, not the budget's: SlackClient keeps the deadline itself and
            // must come back with an outcome (not an exception) so the claim can be released.
            outcome = claimed ? await slack.PostAsync(secret.SlackWebhookUrl, message, deadline, ct) : default;
        }
        catch (OperationCanceledException)
        {
            // The put may have landed before the budget ran out; a claim nobody posted for must go.
            await ReleaseAsync(deliveryId);
            throw;
        }
        if (!claimed)
        {
            GitHubLog.Duplicate(logger, deliveryId, gitHubEvent);
            return Json(200, new WebhookOutcome("duplicate"), GitHubJsonContext.Default.WebhookOutcome);
        }
        if (outcome.Delivered)
        {
            GitHubLog.Posted(logger, deliveryId, gitHubEvent, formatted.Action ?? "-", outcome.Attempts);
            metrics.Count("SlackPosts");
            return Json(200, new WebhookOutcome("posted"), GitHubJsonContext.Default.WebhookOutcome);
        }
        await ReleaseAsync(deliveryId);
        GitHubLog.SlackFailed(logger, deliveryId, gitHubEvent, outcome.Attempts, outcome.Detail);
        metrics.Count("SlackFailures");
        return Problem(502, "Slack unavailable", $"Slack did not take the message ({outcome.Detail}). Redeliver the webhook from GitHub to try again.");
    }

    /// <summary>Past the budget on purpose: without it a manual redelivery would be swallowed as a duplicate.</summary>
    private async Task ReleaseAsync(string deliveryId)
    {
        using var release = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await deliveries.ReleaseAsync(deliveryId, release.Token);
    }

    /// <summary>GitHub event names and delivery ids (GUIDs) are short and plain; anything else is not GitHub.</summary>
    private static bool IsToken([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 100 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
