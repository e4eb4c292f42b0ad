namespace TodoApp.Functions.GitHub;

/// <summary>
/// Slack mrkdwn from untrusted strings. Titles, names and commit messages come from anyone who can
/// open an issue, so each passes through <see cref="Escape"/>: with <c>&amp;</c>, <c>&lt;</c> and
/// <c>&gt;</c> escaped nobody can forge a link or an <c>&lt;!channel&gt;</c> mention.
/// </summary>
public static class SlackText
{
    public static string Escape(string? value) =>
        string.IsNullOrEmpty(value)
            ? ""
            : value.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A link when the URL is a plain http(s) URL, otherwise just the (escaped) label.</summary>
    public static string Link(string? url, string label)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return Escape(label);
        }
        // '|' would end the URL part of Slack's <url|label>; the escapes keep the URL inside the brackets.
        var target = Escape(uri.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal);
        return $"<{target}|{Escape(label)}>";
    }

    /// <summary>Cuts before escaping (an entity must never be cut in half).</summary>
    public static string Truncate(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
    }

    public static string FirstLine(string? value, int max)
    {
        var text = (value ?? "").Trim();
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return Truncate(end < 0 ? text : text[..end], max);
    }

    public static string Plural(long count, string one, string many) => count == 1 ? $"1 {one}" : $"{count} {many}";
}
