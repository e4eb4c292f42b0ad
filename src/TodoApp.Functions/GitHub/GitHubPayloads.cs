using System.Text.Json;
using System.Text.Json.Serialization;

namespace TodoApp.Functions.GitHub;

// The members of GitHub's webhook payloads the Slack messages read, and nothing else: a member GitHub
// adds or trims elsewhere changes nothing here. (Octokit.Webhooks' complete models, source-generated for
// Native AOT, made the function's binary 43 MB and its package 16.1 MiB zipped, over the 15 MiB budget.)

public sealed record GitHubUser(string? Login, string? HtmlUrl, string? Name);

public sealed record GitHubRepository(string? FullName, string? HtmlUrl, long StargazersCount, string? DefaultBranch);

public sealed record GitHubIssue(long Number, string? Title, string? HtmlUrl);

public sealed record GitHubPullRequest(long Number, string? Title, string? HtmlUrl, bool? Merged, DateTimeOffset? MergedAt, GitHubUser? MergedBy);

public sealed record GitHubRelease(string? Name, string? TagName, bool Prerelease, string? HtmlUrl, GitHubUser? Author, DateTimeOffset? CreatedAt,
    DateTimeOffset? PublishedAt);

public sealed record GitHubCommit(string? Id, string? Url, string? Message, GitHubUser? Author);

public sealed record StarEvent(string? Action, GitHubRepository? Repository, GitHubUser? Sender);

public sealed record IssuesEvent(string? Action, GitHubIssue? Issue, GitHubRepository? Repository, GitHubUser? Sender);

public sealed record PullRequestEvent(string? Action, long Number, GitHubPullRequest? PullRequest, GitHubRepository? Repository, GitHubUser? Sender);

public sealed record ReleaseEvent(string? Action, GitHubRelease? Release, GitHubRepository? Repository, GitHubUser? Sender);

public sealed record PushEvent(string? Ref, bool Deleted, bool Forced, string? Compare, IReadOnlyList<GitHubCommit?>? Commits, GitHubUser? Pusher,
    GitHubRepository? Repository, GitHubUser? Sender);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 64)]
[JsonSerializable(typeof(StarEvent))]
[JsonSerializable(typeof(IssuesEvent))]
[JsonSerializable(typeof(PullRequestEvent))]
[JsonSerializable(typeof(ReleaseEvent))]
[JsonSerializable(typeof(PushEvent))]
internal sealed partial class GitHubPayloadJsonContext : JsonSerializerContext;
