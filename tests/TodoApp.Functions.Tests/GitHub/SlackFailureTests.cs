using System.Diagnostics;
using System.Text;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>Slack misbehaving: retries, the 502 that releases the claim, and the invocation budget.</summary>
public class SlackFailureTests
{
    [Fact]
    public async Task Slack429ThenOkPostsOnce()
    {
        var slack = new FakeSlack(() => FakeSlack.Status(429, TimeSpan.FromSeconds(1)), FakeSlack.Ok);
        using var function = await Webhooks.FunctionAsync(slack);
        var started = Stopwatch.StartNew();

        var response = await function.InvokeAsync(Webhooks.Delivery("star", Webhooks.Payload("star-created")));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, slack.Calls);
        // Retry-After: 1 was honoured (real clock here; the fake-clock version is in SlackClientTests).
        // (Timers may fire a millisecond early against the wall clock.)
        Assert.True(slack.RequestTimes[1] - slack.RequestTimes[0] >= TimeSpan.FromSeconds(0.95), $"{slack.RequestTimes[1] - slack.RequestTimes[0]}");
        Assert.True(started.Elapsed < new GitHubWebhookOptions().Budget, $"took {started.Elapsed}");
    }

    [Fact]
    public async Task PersistentSlack500Answers502AndReleasesTheKeySoARedeliveryPosts()
    {
        var broken = new FakeSlack(() => FakeSlack.Status(500));
        using var failing = await Webhooks.FunctionAsync(broken);
        var deliveryId = Webhooks.NewDeliveryId();
        var delivery = Webhooks.Delivery("issues", Webhooks.Payload("issues-closed"), deliveryId);

        var response = await failing.InvokeAsync(delivery);

        Assert.Equal(502, response.StatusCode);
        Assert.Equal(new GitHubWebhookOptions().SlackMaxAttempts, broken.Calls);
        Assert.False(await Webhooks.IsClaimedAsync(deliveryId));

        var healthy = new FakeSlack();
        using var recovered = await Webhooks.FunctionAsync(healthy);
        var redelivery = await recovered.InvokeAsync(delivery);

        Assert.Equal(200, redelivery.StatusCode);
        Assert.Single(healthy.Messages);
        Assert.True(await Webhooks.IsClaimedAsync(deliveryId));
    }

    [Fact]
    public async Task SlackThatNeverAnswersCannotHoldTheInvocationPastItsBudget()
    {
        var slack = new FakeSlack { Hang = true };
        using var function = await Webhooks.FunctionAsync(slack, settings: new Dictionary<string, string?>
        {
            ["GitHub:Budget"] = "00:00:01.5",
            ["GitHub:SlackAttemptTimeout"] = "00:00:00.4",
        });
        var deliveryId = Webhooks.NewDeliveryId();
        var started = Stopwatch.StartNew();

        var response = await function.InvokeAsync(Webhooks.Delivery("star", Webhooks.Payload("star-created"), deliveryId));

        Assert.Equal(502, response.StatusCode);
        // The work's own bound: the budget, plus the one second a claim's release may take after it.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1.5 + 1), $"took {started.Elapsed}");
        Assert.InRange(slack.Calls, 2, 4);
        Assert.False(await Webhooks.IsClaimedAsync(deliveryId));
    }
}
