using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using TodoApp.Functions.Events;
using TodoApp.Functions.GitHub;
using TodoApp.Functions.Tests.GitHub;
using static TodoApp.Functions.Tests.Hostile.HostileJson;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>
/// Malformed function URL events for the GitHub function, straight into its Stream handler: not JSON,
/// wrong types, missing headers and context, bad base64, huge bodies, and real payloads with one
/// member replaced by a hostile value under a valid signature. Every one is answered (4xx for the
/// bad ones), none throws, and only answered-as-posted deliveries are claimed and reach Slack.
/// </summary>
public sealed class GitHubHostileEventTests
{
    private const int Cases = 600;

    [Fact]
    public async Task MalformedFunctionUrlEventsAreAnswered4xxAndClaimNothing()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);
        var answers = new ConcurrentDictionary<string, (int Status, string? Outcome)>();

        await GitHubHostileEvents.Invocations.SampleAsync(async invocation =>
        {
            FunctionUrlResponse response;
            try
            {
                await using var output = await function.HandleAsync(new MemoryStream(invocation.Input));
                response = (await JsonSerializer.DeserializeAsync(output, FunctionUrlJsonContext.Default.FunctionUrlResponse))!;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{e.GetType().Name}: {e.Message} for {invocation}", e);
            }
            Assert.True(response.StatusCode is 200 or 204 or 400 or 401 or 405 or 413 or 415, $"{response.StatusCode} {response.Body} for {invocation}");
            if (response.StatusCode >= 400)
            {
                Assert.Equal("application/problem+json", response.Headers!["content-type"]);
            }
            var outcome = response.StatusCode == 200 ? (string?)JsonNode.Parse(response.Body!)!["outcome"] : null;
            answers[invocation.DeliveryId] = (response.StatusCode, outcome);
        }, iter: Cases, threads: 2, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));

        foreach (var (deliveryId, answer) in answers)
        {
            Assert.True(await Webhooks.IsClaimedAsync(deliveryId) == (answer.Outcome == "posted"), $"{deliveryId}: {answer}");
        }
        Assert.Equal(answers.Values.Count(a => a.Outcome == "posted"), slack.Messages.Count);
        Assert.InRange(answers.Values.Count(a => a.Status == 400), Cases / 10, Cases);
    }

    [Fact]
    public async Task ASignedPayloadWithAnInvalidDateIsA400NotA500()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);
        var payload = JsonNode.Parse(Webhooks.Payload("release-published"))!;
        payload["release"]!["created_at"] = "not a date";

        var response = await function.InvokeAsync(Webhooks.Delivery("release", payload.ToJsonString()));

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(slack.Messages);
    }

    [Theory]
    [InlineData("push-default-branch", "push", "commits", "[null]")]
    [InlineData("push-default-branch", "push", "commits", "[{\"id\":null,\"message\":null,\"author\":null}]")]
    [InlineData("issues-opened", "issues", "issue", "{\"number\":\"seven\"}")]
    [InlineData("pull_request-closed-merged", "pull_request", "pull_request", "{\"merged_at\":\"yesterday\"}")]
    [InlineData("star-created", "star", "repository", "{\"stargazers_count\":1e400}")]
    public async Task ASignedPayloadWithAWronglyShapedMemberIsAnsweredNotThrown(string file, string gitHubEvent, string member, string value)
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);
        var payload = JsonNode.Parse(Webhooks.Payload(file))!;
        payload[member] = "__hostile_value__";

        var response = await function.InvokeAsync(Webhooks.Delivery(gitHubEvent, payload.ToJsonString().Replace("\"__hostile_value__\"", value, StringComparison.Ordinal)));

        Assert.True(response.StatusCode is 200 or 204 or 400, $"{response.StatusCode} {response.Body}");
    }
}
