using static TodoApp.Functions.GitHub.SlackText;

namespace TodoApp.Functions.GitHub;

/// <summary>Stars, releases and pushes: things that happen to a repository as a whole.</summary>
public static class RepositoryMessages
{
    private const int MaxCommits = 5;
    private const string BranchPrefix = "refs/heads/";

    public static SlackMessage Star(StarEvent e)
    {
        var repo = e.Repository?.FullName ?? "a repository";
        var who = e.Sender?.Login ?? "someone";
        var stars = Plural(e.Repository?.StargazersCount ?? 0, "star", "stars");
        var text = $"⭐ {Escape(repo)} now has {stars} — starred by {Escape(who)}";
        var section = $"⭐ {Link(e.Repository?.HtmlUrl, repo)} now has *{stars}* — starred by {Link(e.Sender?.HtmlUrl, who)}";
        return SlackMessage.Create(text, section);
    }

    public static SlackMessage? Release(ReleaseEvent e)
    {
        if (e.Release is not { } release)
        {
            return null;
        }
        var repo = e.Repository?.FullName ?? "a repository";
        var who = release.Author?.Login ?? e.Sender?.Login ?? "someone";
        var name = Truncate(string.IsNullOrWhiteSpace(release.Name) ? release.TagName : $"{release.Name} ({release.TagName})", 150);
        var kind = release.Prerelease ? "pre-release" : "release";
        var text = $"🚀 {Escape(who)} published {kind} {Escape(name)} in {Escape(repo)}";
        var section = $"🚀 *{Escape(who)}* published {kind} {Link(release.HtmlUrl, name)}";
        return SlackMessage.Create(text, section, Link(e.Repository?.HtmlUrl, repo));
    }

    /// <summary>Only pushes of commits to the default branch: feature-branch chatter stays out of the channel.</summary>
    public static SlackMessage? Push(PushEvent e)
    {
        var defaultBranch = e.Repository?.DefaultBranch;
        // A JSON null in the list is no commit: the payload is signed, but its shape is still the sender's.
        var commits = (e.Commits ?? []).OfType<GitHubCommit>().ToList();
        if (e.Deleted || commits.Count == 0 || string.IsNullOrEmpty(defaultBranch) || e.Ref != BranchPrefix + defaultBranch)
        {
            return null;
        }
        var repo = e.Repository?.FullName ?? "a repository";
        var who = e.Pusher?.Name ?? e.Sender?.Login ?? "someone";
        var count = Plural(commits.Count, "commit", "commits");
        var forced = e.Forced ? " (forced)" : "";
        var text = $"📦 {Escape(who)} pushed {count} to {Escape(repo)} {Escape(defaultBranch)}{forced}";
        var lines = commits.Take(MaxCommits).Select(c =>
            $"• {Link(c.Url, c.Id is { Length: >= 7 } id ? id[..7] : c.Id ?? "commit")} {Escape(FirstLine(c.Message, 100))} — {Escape(c.Author?.Name)}");
        var more = commits.Count > MaxCommits ? $"\n…and {commits.Count - MaxCommits} more" : "";
        var section = $"📦 *{Escape(who)}* pushed {count} to `{Escape(defaultBranch)}`{forced}\n{string.Join('\n', lines)}{more}";
        return SlackMessage.Create(text, section, $"{Link(e.Repository?.HtmlUrl, repo)} · {Link(e.Compare, "Compare changes")}");
    }
}
