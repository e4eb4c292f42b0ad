using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>Retry timing on a fake clock: every wait below is simulated time, so the assertions are exact.</summary>
public class SlackClientTests
{
    private static readonly SlackMessage Message = SlackMessage.Create("hello", "hello");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The client as the function's container builds it (pipeline included), over the fake Slack and clock.</summary>
    private SlackClient Client(FakeSlack slack, GitHubWebhookOptions? options = null)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_clock).AddSingleton(Options.Create(options ?? new GitHubWebhookOptions()));
        SlackClient.AddSlackClient(services).ConfigurePrimaryHttpMessageHandler(() => slack);
        return services.BuildServiceProvider().GetRequiredService<SlackClient>();
    }

    /// <summary>Moves simulated time forward in small steps until the client is done.</summary>
    private async Task<SlackOutcome> RunAsync(Task<SlackOutcome> post)
    {
        while (!post.IsCompleted)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(post, Task.Delay(1));
        }
        return await post;
    }

    [Fact]
    public async Task RetryAfterIsHonouredWhenItFitsTheDeadline()
    {
        var slack = new FakeSlack(_clock, () => FakeSlack.Status(429, TimeSpan.FromSeconds(2)), FakeSlack.Ok);
        var start = _clock.GetUtcNow();

        var outcome = await RunAsync(Client(slack).PostAsync(FakeSlack.WebhookUrl, Message, start.AddSeconds(8), default));

        Assert.True(outcome.Delivered);
        Assert.Equal(2, outcome.Attempts);
        var waited = slack.RequestTimes[1] - slack.RequestTimes[0];
        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.2));
    }

    [Fact]
    public async Task RetryAfterBeyondTheDeadlineFailsAtOnceInsteadOfWaiting()
    {
        var slack = new FakeSlack(_clock, () => FakeSlack.Status(429, TimeSpan.FromSeconds(30)));
        var start = _clock.GetUtcNow();

        // No clock pumping: if the client decided to wait, this would never complete.
        var outcome = await Client(slack).PostAsync(FakeSlack.WebhookUrl, Message, start.AddSeconds(8), default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(outcome.Delivered);
        Assert.Equal(1, slack.Calls);
        Assert.Equal(start, _clock.GetUtcNow());
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithBackoffUntilTheDeadline()
    {
        var slack = new FakeSlack(_clock, () => FakeSlack.Status(503));
        var options = new GitHubWebhookOptions { SlackMaxAttempts = 10, SlackBackoff = TimeSpan.FromMilliseconds(400) };
        var start = _clock.GetUtcNow();
        var deadline = start.AddSeconds(3);

        var outcome = await RunAsync(Client(slack, options).PostAsync(FakeSlack.WebhookUrl, Message, deadline, default));

        Assert.False(outcome.Delivered);
        // Polly's jittered exponential backoff decides each gap; the deadline bounds them all.
        Assert.InRange(slack.Calls, 2, 8);
        Assert.True(slack.RequestTimes[^1] <= deadline);
        Assert.All(slack.RequestTimes.Zip(slack.RequestTimes.Skip(1)), pair => Assert.True(pair.Second > pair.First));
    }

    [Fact]
    public async Task SlackThatNeverAnswersIsAbandonedAfterThePerTryTimeout()
    {
        var slack = new FakeSlack(_clock) { Hang = true };
        var options = new GitHubWebhookOptions { SlackAttemptTimeout = TimeSpan.FromSeconds(2), SlackMaxAttempts = 2 };
        var start = _clock.GetUtcNow();

        var outcome = await RunAsync(Client(slack, options).PostAsync(FakeSlack.WebhookUrl, Message, start.AddSeconds(8), default));

        Assert.False(outcome.Delivered);
        Assert.Equal(2, slack.Calls);
        Assert.InRange(_clock.GetUtcNow() - start, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task ClientErrorsAreNotRetried(int status)
    {
        var slack = new FakeSlack(_clock, () => FakeSlack.Status(status));

        var outcome = await RunAsync(Client(slack).PostAsync(FakeSlack.WebhookUrl, Message, _clock.GetUtcNow().AddSeconds(8), default));

        Assert.False(outcome.Delivered);
        Assert.Equal(1, slack.Calls);
    }
}
