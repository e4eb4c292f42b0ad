using TodoApp.Functions.GitHub;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>The webhook secret, the Slack URL, signatures and payloads never reach the logs, on any path.</summary>
public sealed class SensitiveValuesTests
{
    [Fact]
    public async Task NoSecretUrlSignatureOrBodyIsLoggedOnSuccessFailureOrForgery()
    {
        var logs = new CapturedLogs();
        var slack = new FakeSlack(FakeSlack.Ok, () => FakeSlack.Status(500), () => FakeSlack.Status(500), () => FakeSlack.Status(500), () => FakeSlack.Status(500));
        using var function = await Webhooks.FunctionAsync(slack, logs: logs.Factory);
        var body = Webhooks.Payload("issues-opened");
        var posted = Webhooks.Delivery("issues", body);
        var failed = Webhooks.Delivery("issues", body);
        var forged = Webhooks.Delivery("issues", body, signature: "sha256=" + new string('0', 64));

        Assert.Equal(200, (await function.InvokeAsync(posted)).StatusCode);
        Assert.Equal(502, (await function.InvokeAsync(failed)).StatusCode);
        Assert.Equal(401, (await function.InvokeAsync(forged)).StatusCode);

        var text = logs.Text;
        Assert.NotEmpty(text);
        Assert.Contains(posted.Headers!["x-github-delivery"], text); // the logs do say what happened
        Assert.DoesNotContain(Webhooks.Secret, text);
        Assert.DoesNotContain(FakeSlack.WebhookUrl.ToString(), text);
        Assert.DoesNotContain("hooks.slack.test", text);
        Assert.DoesNotContain(posted.Headers!["x-hub-signature-256"], text);
        Assert.DoesNotContain(forged.Headers!["x-hub-signature-256"], text);
        Assert.DoesNotContain("\"action\"", text); // no payload JSON
    }
}
