using System.Diagnostics;
using System.Text;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>What never reaches Slack: bad signatures, methods, sizes and payloads are 4xx problem details.</summary>
public class WebhookRejectionTests
{
    [Theory]
    [InlineData("missing")]
    [InlineData("wrong")]
    [InlineData("sha1-only")]
    public async Task UnsignedOrMissignedDeliveryIsRefusedAndPostsNothing(string signature)
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);
        var body = Webhooks.Payload("star-created");
        var deliveryId = Webhooks.NewDeliveryId();
        var request = Webhooks.Delivery("star", body, deliveryId, signature: WebhookSignature.Sign("not the secret", Encoding.UTF8.GetBytes(body)));
        var headers = new Dictionary<string, string>(request.Headers!);
        switch (signature)
        {
            case "missing":
                headers.Remove("x-hub-signature-256");
                break;
            case "sha1-only":
                headers.Remove("x-hub-signature-256");
#pragma warning disable CA5350 // GitHub's legacy header is SHA-1; the test sends a valid one to show it is not enough.
                headers["x-hub-signature"] = "sha1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA1.HashData(
                    Encoding.UTF8.GetBytes(Webhooks.Secret), Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5350
                break;
        }

        var response = await function.InvokeAsync(request with { Headers = headers });

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers!["content-type"]);
        Assert.Empty(slack.Messages);
        Assert.False(await Webhooks.IsClaimedAsync(deliveryId));
    }

    [Theory]
    [InlineData("GET", 405)]
    [InlineData("PUT", 405)]
    public async Task OnlyPostIsAccepted(string method, int status)
    {
        using var function = await Webhooks.FunctionAsync(new FakeSlack());

        var response = await function.InvokeAsync(Webhooks.Delivery("star", Webhooks.Payload("star-created"), method: method));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("POST", response.Headers!["allow"]);
    }

    [Fact]
    public async Task OversizedBodyIsRefusedWith413()
    {
        using var function = await Webhooks.FunctionAsync(new FakeSlack());
        var huge = "{\"zen\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await function.InvokeAsync(Webhooks.Delivery("ping", huge));

        Assert.Equal(413, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"action\":\"opened\",\"issue\":\"not an issue\"}")]
    public async Task SignedButUnreadablePayloadIs400(string body)
    {
        var slack = new FakeSlack();
        using var function = await Webhooks.FunctionAsync(slack);

        var response = await function.InvokeAsync(Webhooks.Delivery("issues", body));

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(slack.Messages);
    }

    [Fact]
    public async Task MissingDeliveryIdIs400()
    {
        using var function = await Webhooks.FunctionAsync(new FakeSlack());
        var request = Webhooks.Delivery("star", Webhooks.Payload("star-created"));
        var headers = new Dictionary<string, string>(request.Headers!);
        headers.Remove("x-github-delivery");

        var response = await function.InvokeAsync(request with { Headers = headers });

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task MalformedInvocationEventIs400()
    {
        using var function = await Webhooks.FunctionAsync(new FakeSlack());
        using var input = new MemoryStream("not an event"u8.ToArray());

        await using var output = await function.HandleAsync(input);
        var response = (await System.Text.Json.JsonSerializer.DeserializeAsync(output, Events.FunctionUrlJsonContext.Default.FunctionUrlResponse))!;

        Assert.Equal(400, response.StatusCode);
    }
}
