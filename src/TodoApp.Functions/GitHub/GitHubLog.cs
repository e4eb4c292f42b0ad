using Microsoft.Extensions.Logging;

namespace TodoApp.Functions.GitHub;

internal static partial class GitHubLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook from {SourceIp}: signature {SignatureProblem}")]
    public static partial void SignatureRejected(ILogger logger, string signatureProblem, string? sourceIp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ping {DeliveryId} answered")]
    public static partial void Ping(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} of {GitHubEvent} is not a readable payload: {Error}")]
    public static partial void Unreadable(ILogger logger, string gitHubEvent, string deliveryId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ignored: {GitHubEvent} {GitHubAction} is not posted to Slack")]
    public static partial void Ignored(ILogger logger, string gitHubEvent, string? gitHubAction, string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({GitHubEvent}) was already handled")]
    public static partial void Duplicate(ILogger logger, string deliveryId, string gitHubEvent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({GitHubEvent} {GitHubAction}) posted to Slack on try {Attempts}")]
    public static partial void Posted(ILogger logger, string deliveryId, string gitHubEvent, string? gitHubAction, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} ({GitHubEvent}) not posted after {Attempts} tries: {Reason}; its key was released")]
    public static partial void SlackFailed(ILogger logger, string deliveryId, string gitHubEvent, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook failed on a dependency")]
    public static partial void DependencyFailed(ILogger logger, Exception exception);
}
