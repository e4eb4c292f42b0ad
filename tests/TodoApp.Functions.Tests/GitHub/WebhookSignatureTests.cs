using System.Text;
using TodoApp.Functions.GitHub;

namespace TodoApp.Functions.Tests.GitHub;

public class WebhookSignatureTests
{
    private static readonly byte[] HelloWorld = Encoding.UTF8.GetBytes("Hello, World!");

    [Fact]
    public void GitHubsDocumentedTestVectorVerifies()
    {
        const string expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        Assert.True(WebhookSignature.IsValid("It's a Secret to Everybody", HelloWorld, expected));
        Assert.Equal(expected, WebhookSignature.Sign("It's a Secret to Everybody", HelloWorld));
    }

    [Fact]
    public void UpperCaseHexVerifies()
    {
        Assert.True(WebhookSignature.IsValid("It's a Secret to Everybody", HelloWorld,
            "sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void AnythingButTheRightSignatureIsRefused(string? header)
    {
        Assert.False(WebhookSignature.IsValid("It's a Secret to Everybody", HelloWorld, header));
    }

    [Fact]
    public void TheRightSignatureWithAnotherSecretIsRefused()
    {
        Assert.False(WebhookSignature.IsValid("another secret", HelloWorld, WebhookSignature.Sign("It's a Secret to Everybody", HelloWorld)));
    }

    [Fact]
    public void AChangedBodyIsRefused()
    {
        var header = WebhookSignature.Sign("s", HelloWorld);

        Assert.False(WebhookSignature.IsValid("s", Encoding.UTF8.GetBytes("Hello, World?"), header));
    }
}
