using System.Diagnostics;
using System.Text;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>The whole handler through its Stream entry point, on the DynamoDB emulator, with Slack faked.</summary>
public class GitHubToSlackFunctionTests
{
    [Fact]
    public async Task SignedStarIsPostedToSlackOnce()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);

        var response = await function.InvokeAsync(Webhooks.Delivery("star", Webhooks.Payload("star-created")));

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("posted", response.Body);
        var message = Assert.Single(slack.Messages);
        Assert.Equal("⭐ octo-org/todoapp now has 42 stars — starred by mona", message.GetProperty("text").GetString());
        Assert.Equal("section", message.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task RedeliveredWebhookPostsNothingNew()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);
        var delivery = Webhooks.Delivery("issues", Webhooks.Payload("issues-opened"));

        var first = await function.InvokeAsync(delivery);
        var second = await function.InvokeAsync(delivery);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Contains("duplicate", second.Body);
        Assert.Single(slack.Messages);
    }

    [Fact]
    public async Task SameDeliveryArrivingTwiceAtOnceIsPostedOnce()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);
        var delivery = Webhooks.Delivery("release", Webhooks.Payload("release-published"));

        var responses = await Task.WhenAll(function.InvokeAsync(delivery), function.InvokeAsync(delivery));

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Single(slack.Messages);
    }

    [Fact]
    public async Task Base64EncodedBodyIsVerifiedOverItsDecodedBytes()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);

        var response = await function.InvokeAsync(Webhooks.Delivery("pull_request", Webhooks.Payload("pull_request-closed-merged"), base64: true));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("🟣 hubot merged pull request #34", Assert.Single(slack.Messages).GetProperty("text").GetString());
    }

    [Fact]
    public async Task PingIsAnsweredWithoutPosting()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);

        var response = await function.InvokeAsync(Webhooks.Delivery("ping", Webhooks.Payload("ping")));

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("pong", response.Body);
        Assert.Empty(slack.Messages);
    }

    [Theory]
    [InlineData("fork", "fork")]
    [InlineData("push", "push-other-branch")]
    public async Task EventsThatAreNotPostedAnswer204(string gitHubEvent, string payload)
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);

        var response = await function.InvokeAsync(Webhooks.Delivery(gitHubEvent, Webhooks.Payload(payload)));

        Assert.Equal(204, response.StatusCode);
        Assert.Empty(slack.Messages);
    }

    [Fact]
    public async Task PushToTheDefaultBranchIsPosted()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);

        var response = await function.InvokeAsync(Webhooks.Delivery("push", Webhooks.Payload("push-default-branch")));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("📦 mona pushed 6 commits", Assert.Single(slack.Messages).GetProperty("text").GetString());
    }
}
