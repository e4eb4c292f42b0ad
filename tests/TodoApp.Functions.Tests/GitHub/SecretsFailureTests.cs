using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Core.Aws;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>The secrets live in SSM Parameter Store: SSM out of reach is the documented 503, never a crashed invocation.</summary>
public class SecretsFailureTests
{
    [Fact]
    public async Task SsmOutOfReachAnswers503SoGitHubCanRedeliver()
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack, settings: new Dictionary<string, string?>
        {
            ["GitHub:WebhookSecretParameter"] = "/todoapp/github/webhook-secret",
            ["GitHub:SlackWebhookUrlParameter"] = "/todoapp/slack/webhook-url",
        }, more: services =>
        {
            // Lambda's own wiring, then an SSM endpoint where nothing listens (port 9, discard: refused on loopback).
            GitHubToSlackFunction.AddSsmSecrets(services);
            services.AddSingleton<IAmazonSimpleSystemsManagement>(new AmazonSimpleSystemsManagementClient(AwsClients.LocalCredentials,
                new AmazonSimpleSystemsManagementConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }));
        });

        var response = await function.InvokeAsync(Webhooks.Delivery("star", Webhooks.Payload("star-created")));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers!["content-type"]);
        Assert.Empty(slack.Messages);
    }
}
