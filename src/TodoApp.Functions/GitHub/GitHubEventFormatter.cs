using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Octokit.Webhooks.Events;

namespace TodoApp.Functions.GitHub;

/// <summary>What a delivery turned into: a Slack message, or nothing worth posting.</summary>
public readonly record struct FormattedEvent(string? Action, SlackMessage? Message);

/// <summary>
/// Picks the events worth a Slack message and formats them with Octokit.Webhooks' payload models.
/// The action is read first: Octokit's converters throw on actions they do not know, and GitHub
/// adds new ones over time, so only pairs we format ever reach them.
/// </summary>
public static class GitHubEventFormatter
{
    /// <summary>
    /// Octokit marks many members <c>required</c>; a payload missing one we never read (GitHub trims
    /// payloads now and then) should still post, so presence is not enforced here.
    /// </summary>
    private static readonly JsonSerializerOptions Lenient = new()
    {
        TypeInfoResolver = GitHubPayloadJsonContext.Default.WithAddedModifier(static type =>
        {
            foreach (var property in type.Properties)
            {
                property.IsRequired = false;
            }
        }),
        MaxDepth = 64,
    };

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
            ("star", "created") => RepositoryMessages.Star(Read<StarEvent>(root)),
            ("issues", "opened" or "closed" or "reopened") => IssueMessages.Issue(Read<IssuesEvent>(root)),
            ("pull_request", "opened" or "closed" or "reopened") => IssueMessages.PullRequest(Read<PullRequestEvent>(root)),
            ("release", "published") => RepositoryMessages.Release(Read<ReleaseEvent>(root)),
            ("push", null) => RepositoryMessages.Push(Read<PushEvent>(root)),
            _ => null,
        };
        return new FormattedEvent(action, message);
    }

    /// <summary>
    /// Octokit's own converters report a bad value with the parser's exception (a date that is no
    /// date is a <see cref="FormatException"/>), not a <see cref="JsonException"/>: either way the
    /// signed body is not a payload of its event, which is the caller's error, never ours.
    /// </summary>
    private static T Read<T>(JsonElement root) where T : class
    {
        try
        {
            return root.Deserialize((JsonTypeInfo<T>)Lenient.GetTypeInfo(typeof(T))) ?? throw new JsonException($"The payload is not a {typeof(T).Name}.");
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            throw new JsonException($"The payload is not a {typeof(T).Name}: {e.GetType().Name}.", e);
        }
    }
}

/// <summary>
/// Octokit's payload models, source-generated: no reflection, so the function publishes as Native AOT.
/// Metadata only: payloads are only read, and the serializing fast path of every model would add megabytes.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(StarEvent))]
[JsonSerializable(typeof(IssuesEvent))]
[JsonSerializable(typeof(PullRequestEvent))]
[JsonSerializable(typeof(ReleaseEvent))]
[JsonSerializable(typeof(PushEvent))]
internal sealed partial class GitHubPayloadJsonContext : JsonSerializerContext;
