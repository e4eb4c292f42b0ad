using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TodoApp.Local.GitHub;

public sealed record LocalSlackMessage(
    [property: JsonPropertyName("receivedAt")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("message")] JsonElement Message);

[JsonSerializable(typeof(IReadOnlyList<LocalSlackMessage>))]
internal sealed partial class LocalSlackJsonContext : JsonSerializerContext;

/// <summary>
/// Slack for one laptop: the GitHub function posts here as it would to an incoming webhook, and
/// <c>GET /_local/slack</c> shows what would have appeared in the channel.
/// </summary>
public sealed class LocalSlackSink
{
    public const string Path = "/_local/slack";
    private const int Keep = 200;

    private readonly ConcurrentQueue<LocalSlackMessage> _messages = new();

    public IReadOnlyList<LocalSlackMessage> Messages => [.. _messages];

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).ExcludeFromDescription();
        endpoints.MapGet(Path, () => TypedResults.Json(Messages, LocalSlackJsonContext.Default.IReadOnlyListLocalSlackMessage)).ExcludeFromDescription();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            _messages.Enqueue(new LocalSlackMessage(DateTimeOffset.UtcNow, document.RootElement.Clone()));
            while (_messages.Count > Keep && _messages.TryDequeue(out _))
            {
            }
            // What Slack's incoming webhooks answer.
            return TypedResults.Text("ok");
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: 400, title: "invalid_payload", detail: "Slack messages are JSON documents.");
        }
    }
}
