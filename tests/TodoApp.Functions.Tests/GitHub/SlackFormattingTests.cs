using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

public class SlackFormattingTests
{
    private static SlackMessage? Format(string gitHubEvent, string payload) =>
        GitHubEventFormatter.Format(gitHubEvent, Encoding.UTF8.GetBytes(payload)).Message;

    private static string Section(SlackMessage message) => message.Blocks[0].Text!.Text;

    [Fact]
    public void StarSaysHowManyStarsAndWhoStarred()
    {
        var message = Format("star", Webhooks.Payload("star-created"))!;

        Assert.Equal("⭐ octo-org/todoapp now has 42 stars — starred by mona", message.Text);
        Assert.Equal("⭐ <https://github.com/octo-org/todoapp|octo-org/todoapp> now has *42 stars* — starred by <https://github.com/mona|mona>", Section(message));
    }

    [Theory]
    [InlineData("issues-opened", "🆕 mona opened issue #12 in octo-org/todoapp: Due dates are shown in UTC")]
    [InlineData("issues-closed", "✅ hubot closed issue #12 in octo-org/todoapp: Due dates are shown in UTC")]
    [InlineData("issues-reopened", "🔁 mona reopened issue #12 in octo-org/todoapp: Due dates are shown in UTC")]
    public void IssuesSayWhoDidWhatToWhichIssue(string payload, string text)
    {
        var message = Format("issues", Webhooks.Payload(payload))!;

        Assert.Equal(text, message.Text);
        Assert.Contains("<https://github.com/octo-org/todoapp/issues/12|#12 Due dates are shown in UTC>", Section(message));
    }

    [Theory]
    [InlineData("pull_request-opened", "🔀 mona opened pull request #34 in octo-org/todoapp: Show due dates in the user's time zone")]
    [InlineData("pull_request-closed-merged", "🟣 hubot merged pull request #34 in octo-org/todoapp: Show due dates in the user's time zone")]
    [InlineData("pull_request-closed-unmerged", "🚫 mona closed pull request #34 without merging in octo-org/todoapp: Show due dates in the user's time zone")]
    [InlineData("pull_request-reopened", "🔁 mona reopened pull request #34 in octo-org/todoapp: Show due dates in the user's time zone")]
    public void PullRequestsTellMergedFromClosed(string payload, string text)
    {
        var message = Format("pull_request", Webhooks.Payload(payload))!;

        Assert.Equal(text, message.Text);
        Assert.Contains("<https://github.com/octo-org/todoapp/pull/34|#34 Show due dates in the user's time zone>", Section(message));
    }

    [Fact]
    public void PublishedReleaseLinksToTheRelease()
    {
        var message = Format("release", Webhooks.Payload("release-published"))!;

        Assert.Equal("🚀 hubot published release Time zones (v1.2.0) in octo-org/todoapp", message.Text);
        Assert.Contains("<https://github.com/octo-org/todoapp/releases/tag/v1.2.0|Time zones (v1.2.0)>", Section(message));
    }

    [Fact]
    public void PushToTheDefaultBranchListsUpToFiveCommitsAndLinksTheComparison()
    {
        var message = Format("push", Webhooks.Payload("push-default-branch"))!;
        var section = Section(message);

        Assert.Equal("📦 mona pushed 6 commits to octo-org/todoapp main", message.Text);
        Assert.Contains("• <https://github.com/octo-org/todoapp/commit/1111111111111111111111111111111111111111|1111111> Show due dates in the user's time zone — Mona Lisa", section);
        Assert.DoesNotContain("The API returns UTC", section);
        Assert.Contains("Fix the &lt;b&gt;bold&lt;/b&gt; &amp; brave test", section);
        Assert.Contains("Bump frontend deps", section);
        Assert.DoesNotContain("Tidy up", section);
        Assert.Contains("…and 1 more", section);
        Assert.Contains("<https://github.com/octo-org/todoapp/compare/9049f1265b7d...666666666666|Compare changes>", message.Blocks[1].Elements![0].Text);
    }

    [Theory]
    [InlineData("push", "push-other-branch")]
    [InlineData("issues", "issues-labeled")]
    [InlineData("fork", "fork")]
    public void EventsNobodyAskedForProduceNoMessage(string gitHubEvent, string payload)
    {
        Assert.Null(Format(gitHubEvent, Webhooks.Payload(payload)));
    }

    [Fact]
    public void AnActionWeDoNotFormatIsIgnoredNotAnError()
    {
        var payload = JsonNode.Parse(Webhooks.Payload("issues-opened"))!;
        payload["action"] = "teleported";

        Assert.Null(Format("issues", payload.ToJsonString()));
    }

    [Fact]
    public void HostileTitlesCannotMentionTheChannelOrForgeLinks()
    {
        var payload = JsonNode.Parse(Webhooks.Payload("issues-opened"))!;
        payload["issue"]!["title"] = "<!channel> see <https://evil.example|your bank> & pay";
        payload["sender"]!["login"] = "<@U123>";

        var message = Format("issues", payload.ToJsonString())!;
        var json = JsonSerializer.Serialize(message, GitHubJsonContext.Default.SlackMessage);

        foreach (var text in new[] { message.Text, Section(message) })
        {
            Assert.DoesNotContain("<!channel>", text);
            Assert.DoesNotContain("<https://evil.example", text);
            Assert.DoesNotContain("<@U123>", text);
            Assert.Contains("&lt;!channel&gt; see &lt;https://evil.example|your bank&gt; &amp; pay", text);
        }
        Assert.DoesNotContain("<!channel>", json);
    }

    [Fact]
    public void ALinkLabelCannotBreakOutOfItsLink()
    {
        Assert.Equal("<https://github.com/a|x&gt;y&lt;z &amp; |q>", SlackText.Link("https://github.com/a", "x>y<z & |q"));
        Assert.Equal("label", SlackText.Link("javascript:alert(1)", "label"));
        Assert.Equal("<https://github.com/a%7Cb|l>", SlackText.Link("https://github.com/a|b", "l"));
    }

    [Fact]
    public void APayloadThatIsNotAnObjectIsUnreadable()
    {
        Assert.ThrowsAny<JsonException>(() => Format("issues", "[1,2]"));
        Assert.ThrowsAny<JsonException>(() => Format("issues", "{not json"));
    }
}
