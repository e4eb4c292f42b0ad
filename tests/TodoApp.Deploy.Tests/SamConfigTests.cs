using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// samconfig.toml and the pipeline that uses it: SAM CLI only finds out at deploy time that an
/// environment names a parameter the template lacks, or that --resolve-s3 meets --s3-bucket.
/// </summary>
public sealed class SamConfigTests
{
    private static readonly SamConfig Config = SamConfig.Instance;
    private static readonly YamlMappingNode TemplateParameters = Mapping(SamTemplate.Instance.Template.Root, "Parameters")!;

    /// <summary>samconfig environment → the Stage it deploys.</summary>
    public static TheoryData<string, string> Environments() => new() { { "default", "dev" }, { "dev", "dev" }, { "prod", "prod" } };

    [Fact]
    public void SamconfigHasExactlyTheLaptopDevAndProdEnvironments()
    {
        Assert.Equal(["default", "dev", "prod"], Config.Environments.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void EachEnvironmentDeploysItsStagesStackInOneRegionWithIamCapability(string environment, string stage)
    {
        var deploy = Config.Effective(environment, "deploy");
        Assert.Equal($"todoapp-{stage}", deploy["stack_name"]);
        Assert.Equal("eu-west-1", deploy["region"]);
        var capabilities = ((string)deploy["capabilities"]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The template's roles are unnamed (CloudFormation names them), so CAPABILITY_IAM is enough.
        var namedRoles = SamTemplate.Instance.Template.ResourcesOfType("AWS::IAM::Role").Any(r => r.Properties.Children.ContainsKey("RoleName"));
        Assert.Contains(namedRoles ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM", capabilities);
        Assert.Contains("CAPABILITY_AUTO_EXPAND", capabilities);
        Assert.Equal($"todoapp-{stage}", deploy["s3_prefix"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ParameterOverridesNameOnlyTemplateParametersWithAllowedValues(string environment, string stage)
    {
        var overrides = Overrides(environment);
        Assert.Equal(stage, overrides["Stage"]);
        foreach (var (name, value) in overrides)
        {
            var parameter = Mapping(TemplateParameters, name);
            Assert.True(parameter is not null, $"samconfig [{environment}] overrides {name}, which template.yaml does not declare");
            if (parameter!.Children.TryGetValue("AllowedValues", out var allowed))
            {
                Assert.Contains(value, ((YamlSequenceNode)allowed).Children.Select(v => ((YamlScalarNode)v).Value));
            }
        }
    }

    [Fact]
    public void ProdKeepsLogsLongerAndConfirmsItsChangeSetWhenDeployedByHand()
    {
        Assert.Equal("90", Overrides("prod")["LogRetentionDays"]);
        Assert.Equal(true, Config.Effective("prod", "deploy")["confirm_changeset"]);
        Assert.Equal(false, Config.Effective("default", "deploy")["confirm_changeset"]);
        Assert.Equal(false, Config.Effective("dev", "deploy")["confirm_changeset"]);
    }

    [Fact]
    public void OnlyTheLaptopEnvironmentResolvesItsOwnBucketAndNoneNamesOne()
    {
        Assert.Equal(true, Config.Effective("default", "deploy")["resolve_s3"]);
        foreach (var environment in new[] { "dev", "prod" })
        {
            Assert.False(Config.Effective(environment, "deploy").ContainsKey("resolve_s3"),
                $"[{environment}] is what the pipeline deploys with --s3-bucket; SAM CLI rejects resolve_s3 with it");
        }
        Assert.All(Config.Environments, e => Assert.False(Config.Effective(e, "deploy").ContainsKey("s3_bucket"), $"[{e}] names a bucket of one account"));
    }

    [Fact]
    public void ThePipelinesDevEnvironmentIsTheLaptopsOneWithoutResolveS3()
    {
        var laptop = Config.Effective("default", "deploy").Where(p => p.Key != "resolve_s3");
        Assert.Equal(laptop.OrderBy(p => p.Key, StringComparer.Ordinal), Config.Effective("dev", "deploy").OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>"Stage=prod LogRetentionDays=90" (optionally quoted values) as a dictionary.</summary>
    public static Dictionary<string, string> Overrides(string environment)
    {
        var text = (string)Config.Effective(environment, "deploy")["parameter_overrides"];
        return System.Text.RegularExpressions.Regex.Matches(text, "(\\w+)=(\"[^\"]*\"|\\S*)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'), StringComparer.Ordinal);
    }
}
