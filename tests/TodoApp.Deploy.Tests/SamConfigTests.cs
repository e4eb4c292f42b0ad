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
    public static TheoryData<string, string, string> Environments() => new()
    {
        { "default", "dev", "todoapp-sandbox" }, { "dev", "dev", "todoapp-dev" }, { "prod", "prod", "todoapp-prod" },
    };

    [Fact]
    public void SamconfigHasExactlyTheLaptopDevAndProdEnvironments()
    {
        Assert.Equal(["default", "dev", "prod"], Config.Environments.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void EachEnvironmentDeploysItsOwnStackInOneRegionWithIamCapability(string environment, string stage, string stack)
    {
        _ = stage;
        var deploy = Config.Effective(environment, "deploy");
        Assert.Equal(stack, deploy["stack_name"]);
        Assert.Equal("eu-west-1", deploy["region"]);
        var capabilities = ((string)deploy["capabilities"]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The template's roles are unnamed (CloudFormation names them), so CAPABILITY_IAM is enough.
        var namedRoles = SamTemplate.Instance.Template.ResourcesOfType("AWS::IAM::Role").Any(r => r.Properties.Children.ContainsKey("RoleName"));
        Assert.Contains(namedRoles ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM", capabilities);
        Assert.Contains("CAPABILITY_AUTO_EXPAND", capabilities);
        Assert.Equal(stack, deploy["s3_prefix"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ParameterOverridesNameOnlyTemplateParametersWithAllowedValues(string environment, string stage, string stack)
    {
        _ = stack;
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
        string[] own = ["resolve_s3", "stack_name", "s3_prefix"];
        var laptop = Config.Effective("default", "deploy").Where(p => !own.Contains(p.Key));
        Assert.Equal(laptop.OrderBy(p => p.Key, StringComparer.Ordinal),
            Config.Effective("dev", "deploy").Where(p => !own.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void NoTwoEnvironmentsDeployTheSameStack()
    {
        // A laptop deploy must never update (or, failing, roll back) the pipeline's dev stack.
        var stacks = Config.Environments.Select(e => (string)Config.Effective(e, "deploy")["stack_name"]).ToList();
        Assert.Equal(stacks.Count, stacks.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void SamBuildsInTheSourceTreeSoTheMakefileCanShareItsPublishes()
    {
        // Without it SAM copies the repo (node_modules, bin/obj, .local-data) once per function first.
        foreach (var environment in new[] { "default", "prod" })
        {
            Assert.Equal(true, Config.Effective(environment, "build")["build_in_source"]);
        }
    }

    /// <summary>"Stage=prod LogRetentionDays=90" (optionally quoted values) as a dictionary.</summary>
    public static Dictionary<string, string> Overrides(string environment)
    {
        var text = (string)Config.Effective(environment, "deploy")["parameter_overrides"];
        return System.Text.RegularExpressions.Regex.Matches(text, "(\\w+)=(\"[^\"]*\"|\\S*)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'), StringComparer.Ordinal);
    }
}
