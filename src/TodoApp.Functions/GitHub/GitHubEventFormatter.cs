using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TodoApp.Functions.GitHub;

/// <summary>What a delivery turned into: a Slack message, or nothing worth posting.</summary>
public readonly record struct FormattedEvent(string? Action, SlackMessage? Message);

/// <summary>
/// Picks the events worth a Slack message and formats them from the payload members they name
/// (<see cref="GitHubPayloadJsonContext"/>). The action is read first, so only the pairs we format are
/// read as their event; an action GitHub adds later is ignored, not an error.
/// </summary>
public static class GitHubEventFormatter
{
    /// <exception cref="JsonException">The body is not JSON, or not the shape of its event.</exception>
    public static FormattedEvent Format(string gitHubEvent, ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A webhook payload is a JSON object.");
        }
        var action = root.TryGetProperty("action", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var message = (gitHubEvent, action) switch
        {
            ("star", "created") => RepositoryMessages.Star(Read(root, GitHubPayloadJsonContext.Default.StarEvent)),
            ("issues", "opened" or "closed" or "reopened") => IssueMessages.Issue(Read(root, GitHubPayloadJsonContext.Default.IssuesEvent)),
            ("pull_request", "opened" or "closed" or "reopened") => IssueMessages.PullRequest(Read(root, GitHubPayloadJsonContext.Default.PullRequestEvent)),
            ("release", "published") => RepositoryMessages.Release(Read(root, GitHubPayloadJsonContext.Default.ReleaseEvent)),
            ("push", null) => RepositoryMessages.Push(Read(root, GitHubPayloadJsonContext.Default.PushEvent)),
            _ => null,
        };
        return new FormattedEvent(action, message);
    }

    /// <summary>A payload whose members have the wrong types is the caller's error (a 400), never ours.</summary>
    private static T Read<T>(JsonElement root, JsonTypeInfo<T> type) where T : class =>
        root.Deserialize(type) ?? throw new JsonException($"The payload is not a {typeof(T).Name}.");
}
