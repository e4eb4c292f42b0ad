using TodoApp.Local.Accounts;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>The Cognito side of accounts, as deployed: what the local provider stands in for.</summary>
public sealed class AccountsTemplateTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;

    private static YamlMappingNode Properties(string logicalId) => Mapping(Sam.Template.Resource(logicalId), "Properties")!;

    private static IEnumerable<string?> Scalars(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode seq ? seq.Children.Select(c => (c as YamlScalarNode)?.Value) : [];

    [Fact]
    public void UsersSignInWithTheirEmailWithOptionalAuthenticatorMfaAndEmailRecovery()
    {
        var pool = Properties("UserPool");
        Assert.Equal(["email"], Scalars(pool, "UsernameAttributes"));
        Assert.Equal("OPTIONAL", ScalarValue(pool, "MfaConfiguration"));
        Assert.Equal(["SOFTWARE_TOKEN_MFA"], Scalars(pool, "EnabledMfas"));
        var recovery = Assert.Single(Sequence(Mapping(pool, "AccountRecoverySetting")!, "RecoveryMechanisms"));
        Assert.Equal("verified_email", ScalarValue(recovery, "Name"));
        var password = Mapping(Mapping(pool, "Policies")!, "PasswordPolicy")!;
        Assert.True(int.Parse(ScalarValue(password, "MinimumLength")!) >= 12);
        // !If [IsProd, ACTIVE, INACTIVE] and !If [IsProd, Retain, Delete]: prod users survive a stack deletion.
        Assert.Equal(["IsProd", "ACTIVE", "INACTIVE"], Scalars(pool, "DeletionProtection"));
        Assert.Equal(["IsProd", "Retain", "Delete"], Scalars(Sam.Template.Resource("UserPool"), "DeletionPolicy"));
    }

    [Fact]
    public void TheAppClientIsPublicAndUsesTheCodeFlowBackToTheSite()
    {
        Assert.Equal("false", ScalarValue(Properties("UserPoolClient"), "GenerateSecret"));
        var settings = Properties("AppClientSettings");
        Assert.Equal("UserPoolClient", ScalarValue(settings, "ClientId"));
        Assert.Equal(["code"], Scalars(settings, "AllowedOAuthFlows"));
        Assert.Equal(["openid", "email", "profile"], Scalars(settings, "AllowedOAuthScopes"));
        foreach (var urls in new[] { "CallbackURLs", "LogoutURLs" })
        {
            // The app's redirect_uri and post_logout_redirect_uri are its origin plus "/" (auth/session.ts).
            Assert.Equal("https://${Distribution.DomainName}/", Scalars(settings, urls).First());
        }
        Assert.Contains("ALLOW_REFRESH_TOKEN_AUTH", Scalars(settings, "ExplicitAuthFlows"));
    }

    [Fact]
    public void TheManagedLoginDomainIsVersionTwoAndTheCspAllowsItsTokenEndpoint()
    {
        var domain = Properties("UserPoolDomain");
        Assert.Equal("2", ScalarValue(domain, "ManagedLoginVersion"));
        var prefix = ScalarValue(domain, "Domain")!;
        var headers = Mapping(Mapping(Properties("SecurityHeadersPolicy"), "ResponseHeadersPolicyConfig")!, "SecurityHeadersConfig")!;
        var policy = ScalarValue(Mapping(headers, "ContentSecurityPolicy")!, "ContentSecurityPolicy")!;
        var connect = policy.Split(';').Single(d => d.Trim().StartsWith("connect-src", StringComparison.Ordinal));
        Assert.Contains($"https://{prefix}.auth.${{AWS::Region}}.amazoncognito.com", connect, StringComparison.Ordinal);
        Assert.Contains("https://cognito-idp.${AWS::Region}.amazonaws.com", connect, StringComparison.Ordinal);
    }

    [Fact]
    public void TheApiTrustsThisPoolAndClientAndGetsTheTokenFromTheBrowsersHeader()
    {
        var environment = Sam.Function("ApiFunction").Environment();
        Assert.Equal("https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}", ((YamlScalarNode)environment["AUTH__AUTHORITY"]).Value);
        Assert.Equal("UserPoolClient", ((YamlScalarNode)environment["AUTH__CLIENTID"]).Value);
        // The header the frontend and the local host use; LWA renames it to Authorization.
        Assert.Equal(LocalAccounts.TokenHeader, ((YamlScalarNode)environment["AWS_LWA_AUTHORIZATION_SOURCE"]).Value);
        var frontend = File.ReadAllText(Path.Combine(SamTemplate.RepoRoot, "frontend", "src", "api.ts"));
        Assert.Contains($"tokenHeader = \"{LocalAccounts.TokenHeader}\"", frontend, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStackOutputsWhatTheFrontendsConfigJsonNeeds()
    {
        var outputs = Mapping(Sam.Template.Root, "Outputs")!.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Authority", "AppClientId", "SignOutUrl" }, outputs);
        var publish = File.ReadAllText(Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline", "publish-frontend.sh"));
        Assert.Contains("config.json", publish, StringComparison.Ordinal);
    }
}
