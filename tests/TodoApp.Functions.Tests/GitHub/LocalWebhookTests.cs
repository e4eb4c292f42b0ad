using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TodoApp.Functions.GitHub;
using TodoApp.Local.GitHub;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>The local host's function URL stand-in and Slack sink, over real HTTP.</summary>
public class LocalWebhookTests
{
    private static async Task<HttpClient> ClientAsync()
    {
        var system = await SharedSystem.GetAsync();
        return new HttpClient { BaseAddress = system.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static HttpRequestMessage Signed(string gitHubEvent, string body, string deliveryId, string secret = LocalGitHub.DefaultSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LocalGitHub.WebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-GitHub-Event", gitHubEvent);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(secret, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    [Fact]
    public async Task SignedWebhookShowsUpInTheLocalSlackOnce()
    {
        using var client = await ClientAsync();
        var title = "Local issue " + Guid.NewGuid().ToString("N");
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Webhooks.Payload("issues-opened"))!;
        payload["issue"]!["title"] = title;
        var deliveryId = Webhooks.NewDeliveryId();

        using var first = await client.SendAsync(Signed("issues", payload.ToJsonString(), deliveryId));
        using var second = await client.SendAsync(Signed("issues", payload.ToJsonString(), deliveryId));
        var messages = await client.GetFromJsonAsync<JsonElement>(LocalSlackSink.Path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var posted = messages.EnumerateArray().Where(m => m.GetProperty("message").GetProperty("text").GetString()!.Contains(title, StringComparison.Ordinal));
        Assert.Single(posted);
    }

    [Fact]
    public async Task WrongSecretIsRefusedWithProblemDetails()
    {
        using var client = await ClientAsync();

        using var response = await client.SendAsync(Signed("star", Webhooks.Payload("star-created"), Webhooks.NewDeliveryId(), "guessed"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetOnTheWebhookIs405WithAllow()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync(LocalGitHub.WebhookPath);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
    }
}
