using System.Text.Json.Serialization;

namespace TodoApp.Functions.GitHub;

/// <summary>
/// An incoming-webhook message: Block Kit blocks, plus <c>text</c> that Slack shows in notifications
/// and clients without blocks. Both are mrkdwn, so both carry escaped text only.
/// </summary>
public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks,
    // One compact message per event; a link preview would double its height.
    [property: JsonPropertyName("unfurl_links")] bool UnfurlLinks = false)
{
    public static SlackMessage Create(string text, string section, params IEnumerable<string> context)
    {
        List<SlackBlock> blocks = [SlackBlock.Section(section)];
        var elements = context.Where(c => c.Length > 0).Select(SlackTextObject.Markdown).ToArray();
        if (elements.Length > 0)
        {
            blocks.Add(new SlackBlock("context", null, elements));
        }
        return new SlackMessage(text, blocks);
    }
}

public sealed record SlackBlock(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] SlackTextObject? Text,
    [property: JsonPropertyName("elements")] IReadOnlyList<SlackTextObject>? Elements = null)
{
    /// <summary>Slack rejects section text over 3000 characters.</summary>
    public static SlackBlock Section(string markdown) => new("section", SlackTextObject.Markdown(SlackText.Truncate(markdown, 3000)));
}

public sealed record SlackTextObject(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text)
{
    public static SlackTextObject Markdown(string text) => new("mrkdwn", text);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(WebhookOutcome))]
public sealed partial class GitHubJsonContext : JsonSerializerContext;

/// <summary>The body of a 200 answer, so the GitHub delivery log says what happened.</summary>
public sealed record WebhookOutcome([property: JsonPropertyName("outcome")] string Outcome);
