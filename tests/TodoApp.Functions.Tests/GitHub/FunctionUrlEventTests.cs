using System.Text;
using System.Text.Json;
using TodoApp.Functions.Events;
using TodoApp.Functions.GitHub;
using TodoApp.Local;

namespace TodoApp.Functions.Tests.GitHub;

public class FunctionUrlEventTests
{
    [Fact]
    public void AwsDocumentedSampleRequestParses()
    {
        var request = JsonSerializer.Deserialize(Webhooks.Sample("function-url-request"), FunctionUrlJsonContext.Default.FunctionUrlRequest)!;

        Assert.Equal("2.0", request.Version);
        Assert.Equal("/my/path", request.RawPath);
        Assert.Equal("parameter1=value1&parameter1=value2&parameter2=value", request.RawQueryString);
        Assert.Equal("POST", request.Method);
        Assert.Equal("id", request.RequestId);
        Assert.Equal("123.123.123.123", request.RequestContext!.Http!.SourceIp);
        Assert.Equal(1583348638390, request.RequestContext.TimeEpoch);
        Assert.Equal("value1,value2", request.Header("header2"));
        Assert.Equal("value1", request.Header("Header1"));
        Assert.Equal("Hello from client!", Encoding.UTF8.GetString(request.BodyBytes()));
        Assert.False(request.IsBase64Encoded);
    }

    [Fact]
    public void Base64BodyDecodesToTheBytesThatWereSent()
    {
        var bytes = new byte[] { 0x7b, 0x00, 0xff, 0x7d };
        var request = Webhooks.Delivery("ping", "{}") with { Body = Convert.ToBase64String(bytes), IsBase64Encoded = true };

        Assert.Equal(bytes, request.BodyBytes());
    }

    [Fact]
    public void ResponseUsesTheFieldNamesLambdaExpects()
    {
        var json = JsonSerializer.Serialize(FunctionUrlResponse.Problem(401, "Invalid signature", "nope"), FunctionUrlJsonContext.Default.FunctionUrlResponse);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(401, root.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/problem+json", root.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.False(root.GetProperty("isBase64Encoded").GetBoolean());
        using var problem = JsonDocument.Parse(root.GetProperty("body").GetString()!);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Invalid signature", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void SamLocalInvokeEventIsASignedPing()
    {
        var path = Path.Combine(RepoPaths.FindRoot(), "infra", "events", "github-webhook.json");
        var request = JsonSerializer.Deserialize(File.ReadAllText(path), FunctionUrlJsonContext.Default.FunctionUrlRequest)!;

        Assert.Equal("POST", request.Method);
        Assert.Equal("ping", request.Header("x-github-event"));
        // Signed with the local host's default secret, so it can be replayed there too.
        Assert.True(WebhookSignature.IsValid("local-webhook-secret", request.BodyBytes(), request.Header("x-hub-signature-256")));
    }
}
