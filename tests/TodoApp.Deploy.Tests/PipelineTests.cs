using System.Diagnostics;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// .github/workflows/pipeline.yml, infra/pipeline/deploy.sh and the roles they assume. None of it can
/// run here, so what would fail on the first real run (a flag SAM rejects, a role the job's OIDC token
/// cannot assume, a parameter that silently goes missing) is checked instead.
/// </summary>
public sealed class PipelineTests
{
    private static readonly string PipelineDir = Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline");
    private static readonly YamlMappingNode Workflow = LoadYaml(Path.Combine(SamTemplate.RepoRoot, ".github", "workflows", "pipeline.yml"));

    private static YamlMappingNode Jobs => Mapping(Workflow, "jobs")!;

    [Fact]
    public void ThePipelineNeverLetsSamResolveABucket()
    {
        foreach (var file in new[] { Path.Combine(SamTemplate.RepoRoot, ".github", "workflows", "pipeline.yml") }
                     .Concat(Directory.GetFiles(PipelineDir, "*.sh")))
        {
            var text = File.ReadAllText(file);
            // Comments may explain why; commands must not use it.
            var commands = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
            Assert.DoesNotContain("--resolve-s3", commands, StringComparison.Ordinal);
            Assert.DoesNotContain("resolve_s3", commands, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("deploy-dev", "dev", "DEV")]
    [InlineData("deploy-prod", "prod", "PROD")]
    public void EachStageDeploysThroughItsSamconfigEnvironmentWithItsOwnBucketAndAlarmEmail(string job, string environment, string prefix)
    {
        var steps = Steps(job).ToList();
        var deploy = Assert.Single(steps, s => Run(s)?.Contains("deploy.sh", StringComparison.Ordinal) == true);
        Assert.Equal($"bash infra/pipeline/deploy.sh {environment} ${{{prefix}_ARTIFACTS_BUCKET}} ${{{prefix}_CFN_ROLE}}", Run(deploy));
        Assert.Equal("${{ vars.ALARM_EMAIL }}", ScalarValue(Mapping(deploy, "env")!, "ALARM_EMAIL"));
        Assert.DoesNotContain(steps, s => Run(s) is { } run && run.Contains("sam deploy", StringComparison.Ordinal));

        // The stack the later steps publish to and smoke-test is the one samconfig deploys.
        var env = Mapping(Workflow, "env")!;
        var deployParameters = SamConfig.Instance.Effective(environment, "deploy");
        Assert.Equal(deployParameters["stack_name"], ScalarValue(env, $"{prefix}_STACK_NAME"));
        Assert.Equal(deployParameters["region"], ScalarValue(env, $"{prefix}_REGION"));
    }

    [Fact]
    public void OnlyJobsInAStagesGitHubEnvironmentAssumeThatStagesRoles()
    {
        foreach (var (name, job) in Jobs.Children.Select(j => (((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value)))
        {
            foreach (var step in Sequence(job, "steps"))
            {
                var role = Mapping(step, "with") is { } with ? ScalarValue(with, "role-to-assume") : null;
                if (role is null)
                {
                    continue;
                }
                // The roles trust repo:OWNER/REPO:environment:<stage> only (pipeline-roles.yaml).
                var stage = role.Contains("PROD_", StringComparison.Ordinal) ? "prod" : "dev";
                Assert.True(ScalarValue(job, "environment") == stage, $"job {name} assumes the {stage} role outside the {stage} environment");
            }
        }
        Assert.Equal("deploy-dev", ScalarValue(Mapping(Jobs, "deploy-prod")!, "needs"));
    }

    [Fact]
    public void TheDeployScriptPassesTheEnvironmentsOverridesPlusTheAlarmEmail()
    {
        var arguments = RunDeployScript("prod", "ops@example.com");

        Assert.Equal("deploy", arguments[0]);
        Assert.Equal("prod", After(arguments, "--config-env"));
        Assert.Equal(Path.Combine(SamTemplate.RepoRoot, "samconfig.toml"), After(arguments, "--config-file"));
        Assert.Equal("artifacts-bucket", After(arguments, "--s3-bucket"));
        Assert.Equal("arn:aws:iam::123456789012:role/todoapp-prod-cloudformation-execution", After(arguments, "--role-arn"));
        Assert.Contains("--no-confirm-changeset", arguments);
        Assert.DoesNotContain("--resolve-s3", arguments);
        var overrides = arguments.SkipWhile(a => a != "--parameter-overrides").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var expected = SamConfigTests.Overrides("prod").Select(p => $"{p.Key}={p.Value}").Append("AlarmEmail=ops@example.com");
        Assert.Equal(expected.Order(StringComparer.Ordinal), overrides.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WithoutAnAlarmEmailTheDeployScriptLeavesTheParameterAlone()
    {
        var arguments = RunDeployScript("dev", alarmEmail: null);

        Assert.Equal("dev", After(arguments, "--config-env"));
        Assert.DoesNotContain(arguments, a => a.StartsWith("AlarmEmail=", StringComparison.Ordinal));
        Assert.Contains("LogRetentionDays=14", arguments);
    }

    [Fact]
    public void PipelineRolesGrantNoServiceWildcardsAndUnscopedResourcesOnlyUnderACondition()
    {
        var roles = CloudFormationTemplateAt(Path.Combine(PipelineDir, "pipeline-roles.yaml"));
        foreach (var (id, role) in roles.ResourcesOfType("AWS::IAM::Role"))
        {
            foreach (var statement in Sequence(role, "Policies").SelectMany(p => Sequence(Mapping(p, "PolicyDocument")!, "Statement")))
            {
                var sid = ScalarValue(statement, "Sid") ?? "(no Sid)";
                Assert.DoesNotContain(Values(statement, "Action"), a => a.EndsWith(":*", StringComparison.Ordinal) || a == "*");
                if (Values(statement, "Resource").Contains("*"))
                {
                    Assert.True(Mapping(statement, "Condition") is not null, $"{id} {sid}: Resource \"*\" without a condition");
                }
            }
        }
    }

    [Fact]
    public void TheProdPipelineRoleTrustsOnlyTheProdEnvironment()
    {
        var roles = CloudFormationTemplateAt(Path.Combine(PipelineDir, "pipeline-roles.yaml"));
        var trust = Sequence(Mapping(Mapping(roles.Resource("PipelineExecutionRole"), "Properties")!, "AssumeRolePolicyDocument")!, "Statement").Single();
        var equals = Mapping(Mapping(trust, "Condition")!, "StringEquals")!;
        Assert.Equal(["repo:${GitHubRepository}:environment:${Stage}"], Values(equals, "token.actions.githubusercontent.com:sub"));
        Assert.Equal("sts.amazonaws.com", ScalarValue(equals, "token.actions.githubusercontent.com:aud"));
        Assert.False(Mapping(trust, "Condition")!.Children.ContainsKey("StringLike"), "a StringLike subject would admit branches or wildcards");
        Assert.Equal(["dev", "prod"], Values(Mapping(Mapping(roles.Root, "Parameters")!, "Stage")!, "AllowedValues"));
    }

    [Fact]
    public void AStackLeftInRollbackCompleteByAFailedFirstCreateIsDeletedWithTheCloudFormationRoleBeforeDeploying()
    {
        var (_, aws) = RunDeployScriptWithStackStatus("dev", "ROLLBACK_COMPLETE");
        var delete = Assert.Single(aws, call => call.StartsWith("cloudformation delete-stack", StringComparison.Ordinal));
        Assert.Contains("--stack-name todoapp-dev", delete, StringComparison.Ordinal);
        Assert.Contains("--role-arn arn:aws:iam::123456789012:role/todoapp-dev-cloudformation-execution", delete, StringComparison.Ordinal);
        Assert.Contains(aws, call => call.StartsWith("cloudformation wait stack-delete-complete", StringComparison.Ordinal));
    }

    [Fact]
    public void AHealthyStackIsNeverDeleted()
    {
        var (sam, aws) = RunDeployScriptWithStackStatus("dev", "UPDATE_COMPLETE");
        Assert.DoesNotContain(aws, call => call.Contains("delete-stack", StringComparison.Ordinal));
        Assert.Equal("deploy", sam[0]);
    }

    [Fact]
    public void ProdGetsItsSignUpMailSenderFromTheGitHubEnvironment()
    {
        var arguments = RunDeployScript("prod", "ops@example.com", new()
        {
            ["SIGNUP_EMAIL_IDENTITY_ARN"] = "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
            ["SIGNUP_EMAIL_FROM"] = "TodoApp <no-reply@example.com>",
        });
        Assert.Contains("SignUpEmailIdentityArn=arn:aws:ses:eu-west-1:123456789012:identity/example.com", arguments);
        Assert.Contains("SignUpEmailFrom=TodoApp <no-reply@example.com>", arguments);
        var deploy = Assert.Single(Steps("deploy-prod"), s => Run(s)?.Contains("deploy.sh", StringComparison.Ordinal) == true);
        Assert.Equal("${{ vars.SIGNUP_EMAIL_IDENTITY_ARN }}", ScalarValue(Mapping(deploy, "env")!, "SIGNUP_EMAIL_IDENTITY_ARN"));
        Assert.Equal("${{ vars.SIGNUP_EMAIL_FROM }}", ScalarValue(Mapping(deploy, "env")!, "SIGNUP_EMAIL_FROM"));
    }

    [Fact]
    public void TheApiIsBuiltAndTestedInTheSameOlderGlibcImageAndTheBuildChecksItsBootstrap()
    {
        // ubuntu-24.04's glibc 2.39 can link GLIBC_2.38 symbols into the AOT binary; Lambda has 2.34.
        var test = ScalarValue(Mapping(Jobs, "test")!, "container");
        var build = ScalarValue(Mapping(Jobs, "build")!, "container");
        Assert.NotNull(build);
        Assert.Equal(build, test);
        Assert.Contains(Steps("build"), s => Run(s) == "bash infra/pipeline/check-glibc.sh .aws-sam/build/ApiFunction/bootstrap 2.34");
        // The event functions are AOT bootstraps too, and the thumbnail function ships libvips beside its own.
        Assert.Contains(Steps("build"), s => Run(s) is { } run && run.Contains(".aws-sam/build/*Function/bootstrap", StringComparison.Ordinal)
            && run.Contains("ThumbnailFunction/libvips.so.42", StringComparison.Ordinal) && run.Contains("check-glibc.sh", StringComparison.Ordinal));
        var buildRuns = Steps("build").Select(Run).OfType<string>().ToList();
        Assert.True(buildRuns.FindIndex(r => r.StartsWith("sam build", StringComparison.Ordinal)) < buildRuns.FindIndex(r => r.Contains("check-glibc", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheCiScriptInstallsCfnLintAndUsesSudoForAptWhenNotRoot()
    {
        // GitHub's runners are not root and have no cfn-lint; without these the test job fails at once.
        var script = File.ReadAllLines(Path.Combine(SamTemplate.RepoRoot, ".ci", "run")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        Assert.Contains(script, l => l.Contains("pipx install cfn-lint", StringComparison.Ordinal));
        Assert.Contains(script, l => l.Contains("id -u", StringComparison.Ordinal) && l.Contains("sudo", StringComparison.Ordinal));
        var aptCommands = script.Where(l => l.Contains("apt-get ", StringComparison.Ordinal) && !l.Contains("log \"", StringComparison.Ordinal) && !l.TrimStart().StartsWith("||", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(aptCommands);
        Assert.All(aptCommands, l =>
            Assert.Matches(@"^\s*""\$\{sudo_if_needed\[@\]\}"" apt-get .*&& ""\$\{sudo_if_needed\[@\]\}"" env DEBIAN_FRONTEND=noninteractive apt-get install", l));
    }

    private static (List<string> Sam, List<string> Aws) RunDeployScriptWithStackStatus(string environment, string status)
    {
        var bin = Directory.CreateTempSubdirectory("todoapp-fake-aws-").FullName;
        var log = Path.Combine(bin, "aws-calls");
        FirstDeployTests.WriteExecutable(Path.Combine(bin, "aws"),
            $"#!/usr/bin/env bash\necho \"$*\" >> '{log}'\nif [ \"$2\" = describe-stacks ]; then echo {status}; fi\n");
        var sam = RunDeployScript(environment, alarmEmail: null, fakeAws: bin);
        return (sam, [.. File.ReadAllLines(log)]);
    }

    private static List<string> RunDeployScript(string environment, string? alarmEmail, Dictionary<string, string>? variables = null, string? fakeAws = null)
    {
        var bin = Directory.CreateTempSubdirectory("todoapp-fake-sam-").FullName;
        var log = Path.Combine(bin, "arguments");
        FirstDeployTests.WriteExecutable(Path.Combine(bin, "sam"), $"#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '{log}'\n");
        // Never the real aws: a stack that does not exist, unless a test brings its own stand-in.
        FirstDeployTests.WriteExecutable(Path.Combine(bin, "aws"), "#!/usr/bin/env bash\nexit 254\n");
        var start = new ProcessStartInfo("bash", [Path.Combine(PipelineDir, "deploy.sh"), environment, "artifacts-bucket",
            $"arn:aws:iam::123456789012:role/todoapp-{environment}-cloudformation-execution"])
        {
            WorkingDirectory = SamTemplate.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{fakeAws ?? bin}:{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment.Remove("ALARM_EMAIL");
        start.Environment.Remove("SIGNUP_EMAIL_IDENTITY_ARN");
        start.Environment.Remove("SIGNUP_EMAIL_FROM");
        foreach (var (name, value) in variables ?? [])
        {
            start.Environment[name] = value;
        }
        if (alarmEmail is not null)
        {
            start.Environment["ALARM_EMAIL"] = alarmEmail;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"deploy.sh failed: {output}");
        return [.. File.ReadAllLines(log)];
    }

    private static string After(List<string> arguments, string flag) => arguments[arguments.IndexOf(flag) + 1];

    private static IEnumerable<YamlMappingNode> Steps(string job) => Sequence(Mapping(Jobs, job)!, "steps");

    private static string? Run(YamlMappingNode step) => ScalarValue(step, "run")?.Trim();

    private static List<string> Values(YamlMappingNode node, string key) =>
        !node.Children.TryGetValue(key, out var value) ? []
        : value is YamlSequenceNode seq ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!)]
        : [((YamlScalarNode)value).Value!];

    private static Local.Provisioning.CloudFormationTemplate CloudFormationTemplateAt(string path) => Local.Provisioning.CloudFormationTemplate.Load(path);

    private static YamlMappingNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
