using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// The response headers policy CloudFront adds to the site and the API: transport, sniffing, framing
/// and referrer headers, and a content security policy that allows the app's own scripts and the media
/// bucket's presigned URLs (images shown, uploads PUT from the page) and nothing else.
/// </summary>
public sealed class SecurityHeadersTests
{
    private static readonly YamlMappingNode Headers =
        Mapping(Mapping(Properties("SecurityHeadersPolicy"), "ResponseHeadersPolicyConfig")!, "SecurityHeadersConfig")!;

    [Fact]
    public void BrowsersAreToldHttpsOnlyNoSniffingNoFramingAndAStrictReferrer()
    {
        var hsts = Mapping(Headers, "StrictTransportSecurity")!;
        Assert.True(int.Parse(ScalarValue(hsts, "AccessControlMaxAgeSec")!, System.Globalization.CultureInfo.InvariantCulture) >= 31536000, "HSTS for at least a year");
        Assert.Equal("true", ScalarValue(hsts, "IncludeSubdomains"));
        Assert.Equal("true", ScalarValue(hsts, "Override"));
        Assert.Equal("true", ScalarValue(Mapping(Headers, "ContentTypeOptions")!, "Override"));
        Assert.Equal("DENY", ScalarValue(Mapping(Headers, "FrameOptions")!, "FrameOption"));
        Assert.Contains(ScalarValue(Mapping(Headers, "ReferrerPolicy")!, "ReferrerPolicy"), new[] { "strict-origin-when-cross-origin", "no-referrer", "same-origin", "strict-origin" });
    }

    [Fact]
    public void TheContentSecurityPolicyAllowsOnlyTheAppsOwnScriptsAndNoFraming()
    {
        var csp = Directives();
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.DoesNotContain(csp.Values.SelectMany(v => v), v => v is "'unsafe-inline'" or "'unsafe-eval'" or "*");
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal("true", ScalarValue(Mapping(Headers, "ContentSecurityPolicy")!, "Override"));
    }

    [Fact]
    public void TheContentSecurityPolicyAllowsTheMediaBucketForImagesAndUploadsAndCognitoForSignIn()
    {
        // The bucket's regional virtual-hosted name, built from the same !Sub name the bucket has.
        var bucketName = ScalarValue(Properties("MediaBucket"), "BucketName")!;
        var origin = $"https://{bucketName}.s3.${{AWS::Region}}.amazonaws.com";
        var csp = Directives();
        Assert.Contains(origin, csp["img-src"]);
        Assert.Contains(origin, csp["connect-src"]);
        Assert.Equal(csp["img-src"].Where(s => s.StartsWith("https:", StringComparison.Ordinal)), [origin]);
        // Sign-in: the user pool's discovery and keys, and the managed login domain's token endpoint.
        var domain = ScalarValue(Properties("UserPoolDomain"), "Domain")!;
        Assert.Equal(csp["connect-src"].Where(s => s.StartsWith("https:", StringComparison.Ordinal)),
            [origin, "https://cognito-idp.${AWS::Region}.amazonaws.com", $"https://{domain}.auth.${{AWS::Region}}.amazoncognito.com"]);
    }

    [Fact]
    public void BothTheSiteAndTheApiCarryThePolicy()
    {
        var config = Mapping(Properties("Distribution"), "DistributionConfig")!;
        Assert.Equal("SecurityHeadersPolicy", ScalarValue(Mapping(config, "DefaultCacheBehavior")!, "ResponseHeadersPolicyId"));
        Assert.All(Sequence(config, "CacheBehaviors"), b => Assert.Equal("SecurityHeadersPolicy", ScalarValue(b, "ResponseHeadersPolicyId")));
    }

    private static Dictionary<string, List<string>> Directives()
    {
        var policy = ScalarValue(Mapping(Headers, "ContentSecurityPolicy")!, "ContentSecurityPolicy")!;
        return policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d.Skip(1).ToList(), StringComparer.Ordinal);
    }

    private static YamlMappingNode Properties(string id) => Mapping(SamTemplate.Instance.Template.Resource(id), "Properties")!;
}
