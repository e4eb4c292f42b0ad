using static TodoApp.Functions.GitHub.SlackText;

namespace TodoApp.Functions.GitHub;

/// <summary>Issues and pull requests: who did what to which one, linked.</summary>
public static class IssueMessages
{
    private const int TitleLength = 150;

    public static SlackMessage? Issue(IssuesEvent e)
    {
        var (emoji, verb) = e.Action switch
        {
            "opened" => ("🆕", "opened"),
            "closed" => ("✅", "closed"),
            "reopened" => ("🔁", "reopened"),
            _ => (null, null),
        };
        if (verb is null || e.Issue is not { } issue)
        {
            return null;
        }
        return Message(emoji!, e.Sender, $"{verb} issue", issue.Number, issue.Title, issue.HtmlUrl, e.Repository, "");
    }

    public static SlackMessage? PullRequest(PullRequestEvent e)
    {
        if (e.PullRequest is not { } pr)
        {
            return null;
        }
        var merged = pr.Merged == true || pr.MergedAt is not null;
        var (emoji, verb, suffix, actor) = (e.Action, merged) switch
        {
            ("opened", _) => ("🔀", "opened pull request", "", e.Sender),
            ("reopened", _) => ("🔁", "reopened pull request", "", e.Sender),
            ("closed", true) => ("🟣", "merged pull request", "", pr.MergedBy ?? e.Sender),
            ("closed", false) => ("🚫", "closed pull request", " without merging", e.Sender),
            _ => (null, null, "", null),
        };
        if (verb is null)
        {
            return null;
        }
        var number = pr.Number != 0 ? pr.Number : e.Number;
        return Message(emoji!, actor, verb, number, pr.Title, pr.HtmlUrl, e.Repository, suffix);
    }

    private static SlackMessage Message(string emoji, GitHubUser? actor, string verb, long number, string? title, string? url, GitHubRepository? repo, string suffix)
    {
        var who = actor?.Login ?? "someone";
        var repoName = repo?.FullName ?? "a repository";
        var shortTitle = Truncate(title, TitleLength);
        var text = $"{emoji} {Escape(who)} {verb} #{number}{suffix} in {Escape(repoName)}: {Escape(shortTitle)}";
        var section = $"{emoji} *{Link(actor?.HtmlUrl, who)}* {verb} {Link(url, $"#{number} {shortTitle}")}{suffix}";
        return SlackMessage.Create(text, section, Link(repo?.HtmlUrl, repoName));
    }
}
