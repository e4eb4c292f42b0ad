using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// What trips a first `sam deploy` into an empty account or a second stack beside the first: quotas a
/// new account does not have, names that collide, a prompt that aborts, mail that cannot go out.
/// </summary>
public sealed class FirstDeployTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;

    /// <summary>Resource type → the property paths that give it a fixed, account- or region-wide name.</summary>
    private static readonly (string Type, string[] Path)[] NameProperties =
    [
        ("AWS::S3::Bucket", ["BucketName"]),
        ("AWS::Cognito::UserPoolDomain", ["Domain"]),
        ("AWS::Cognito::UserPool", ["UserPoolName"]),
        ("AWS::SNS::Topic", ["TopicName"]),
        ("AWS::CloudWatch::Dashboard", ["DashboardName"]),
        ("AWS::CloudFront::Function", ["Name"]),
        ("AWS::CloudFront::OriginAccessControl", ["OriginAccessControlConfig", "Name"]),
        ("AWS::CloudFront::ResponseHeadersPolicy", ["ResponseHeadersPolicyConfig", "Name"]),
    ];

    [Fact]
    public void NoFunctionReservesConcurrencyUnlessAParameterAsks()
    {
        // A new account's concurrency quota is often 10, all of it the unreserved minimum: any reservation fails.
        var parameters = Mapping(Sam.Template.Root, "Parameters")!;
        foreach (var function in Sam.Functions)
        {
            if (function.Get("ReservedConcurrentExecutions") is not { } reserved)
            {
                continue;
            }
            var choice = Assert.IsType<YamlSequenceNode>(reserved);
            Assert.Equal("!If", choice.Tag.Value);
            Assert.Equal("AWS::NoValue", ((YamlScalarNode)choice.Children[2]).Value);
            var parameter = ((YamlScalarNode)choice.Children[1]).Value!;
            Assert.Equal("", ScalarValue(Mapping(parameters, parameter)!, "Default"));
        }
    }

    [Fact]
    public void CloudWatchCanPublishToTheAlarmTopic()
    {
        // CloudWatch cannot use the AWS managed aws/sns key, so alarms on such a topic never notify.
        foreach (var (id, topic) in Sam.Template.ResourcesOfType("AWS::SNS::Topic"))
        {
            Assert.True(ScalarValue(topic, "KmsMasterKeyId") != "alias/aws/sns", $"{id} is encrypted with aws/sns");
        }
    }

    [Fact]
    public void EveryFixedNameIsKeyedOnTheStackSoTwoStacksOrRegionsNeverCollide()
    {
        foreach (var (type, path) in NameProperties)
        {
            foreach (var (id, properties) in Sam.Template.ResourcesOfType(type))
            {
                YamlNode? node = properties;
                foreach (var key in path)
                {
                    node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(key, out var child) ? child : null;
                }
                var name = (node as YamlScalarNode)?.Value;
                Assert.True(name is null || name.Contains("${AWS::StackName}", StringComparison.Ordinal), $"{id}.{string.Join('.', path)} = {name}: not keyed on the stack");
            }
        }
        // Global names (S3) also need the account and region; the SSM secrets are per stack.
        foreach (var (id, bucket) in Sam.Template.ResourcesOfType("AWS::S3::Bucket"))
        {
            var name = ScalarValue(bucket, "BucketName") ?? "${AWS::StackName}${AWS::AccountId}${AWS::Region}";
            Assert.True(name.Contains("${AWS::AccountId}", StringComparison.Ordinal) && name.Contains("${AWS::Region}", StringComparison.Ordinal), $"{id}: {name}");
        }
        var github = TemplateEnvironment.For(Sam.Function("GitHubToSlackFunction"));
        Assert.StartsWith("/todoapp-dev/", github["GITHUB__WEBHOOKSECRETPARAMETER"], StringComparison.Ordinal);
        Assert.StartsWith("/todoapp-dev/", github["GITHUB__SLACKWEBHOOKURLPARAMETER"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheDeployedTemplateHasNoLocalOnlyResourcesForGuidedDeployToAskAbout()
    {
        // sam deploy --guided asks "has no authentication. Is this okay? [y/N]" for every HttpApi/Api event
        // without auth; the local API's lived here and the default answer aborted the deploy.
        Assert.All(Sam.Functions, f => Assert.DoesNotContain(f.Events(), e => ScalarValue(e, "Type") is "HttpApi" or "Api"));
        Assert.All(Sam.Functions, f => Assert.Null(ScalarValue(f.Resource, "Condition")));
    }

    [Fact]
    public void TheLocalTemplateRunsTheDeployedApisBuildWithTheSameSettingsBehindAnHttpApiForEveryPath()
    {
        var local = SamTemplate.Local.Function("ApiFunction");
        var deployed = Sam.Function("ApiFunction");
        foreach (var property in new[] { "Runtime", "Handler", "CodeUri", "MemorySize", "Timeout" })
        {
            Assert.Equal(deployed.GetScalar(property), local.GetScalar(property));
        }
        Assert.Equal(ScalarValue(Mapping(deployed.Resource, "Metadata")!, "BuildMethod"), ScalarValue(Mapping(local.Resource, "Metadata")!, "BuildMethod"));
        // Every variable the deployed API gets, but the one that exists only because CloudFront signs requests.
        var expected = deployed.Environment().Keys.Where(k => k != "AWS_LWA_AUTHORIZATION_SOURCE").Order(StringComparer.Ordinal);
        Assert.Equal(expected, local.Environment().Keys.Order(StringComparer.Ordinal));
        var routes = local.Events().Where(e => ScalarValue(e, "Type") == "HttpApi")
            .Select(e => ScalarValue(Mapping(e, "Properties")!, "Path")).ToList();
        Assert.Contains("/", routes);
        Assert.Contains("/{proxy+}", routes);
    }

    [Fact]
    public void TheEnvVarsFileFillsEveryLocalSettingThatComesFromTheStack()
    {
        // A stand-in `aws` answers describe-stacks with one output per template.yaml Output.
        var outputs = Mapping(Sam.Template.Root, "Outputs")!.Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
            .Select(k => new { OutputKey = k, OutputValue = $"value-of-{k}" });
        var bin = Directory.CreateTempSubdirectory("todoapp-fake-aws-").FullName;
        File.WriteAllText(Path.Combine(bin, "outputs.json"), JsonSerializer.Serialize(outputs));
        WriteExecutable(Path.Combine(bin, "aws"), $"#!/usr/bin/env bash\ncat '{Path.Combine(bin, "outputs.json")}'\n");
        var file = Path.Combine(bin, "env.json");

        Run("bash", [Path.Combine(SamTemplate.RepoRoot, "infra", "sam-local", "env-vars.sh"), "todoapp-sandbox", "eu-west-1", file], bin);

        using var env = JsonDocument.Parse(File.ReadAllText(file));
        var written = env.RootElement.GetProperty("ApiFunction");
        foreach (var (name, value) in SamTemplate.Local.Function("ApiFunction").Environment())
        {
            if (((YamlScalarNode)value).Value == "")
            {
                Assert.True(written.TryGetProperty(name, out var filled) && filled.GetString()!.StartsWith("value-of-", StringComparison.Ordinal), $"{name} is not filled from the stack");
            }
        }
    }

    [Fact]
    public void ProdSendsSignUpMailThroughSesAndCannotDeployWithoutIt()
    {
        var userPool = Mapping(Sam.Template.Resource("UserPool"), "Properties")!;
        var email = Assert.IsType<YamlSequenceNode>(userPool.Children["EmailConfiguration"]);
        Assert.Equal("!If", email.Tag.Value);
        Assert.Equal("DEVELOPER", ScalarValue((YamlMappingNode)email.Children[1], "EmailSendingAccount"));
        var rule = Mapping(Mapping(Sam.Template.Root, "Rules")!, "ProdSendsSignUpMailThroughSes")!;
        Assert.Equal(["Stage", "prod"], ((YamlSequenceNode)rule.Children["RuleCondition"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Contains("SignUpEmailIdentityArn", Serialize(rule), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyA2xxHealthzCountsAsReady()
    {
        // The adapter's default (100-499) would count a 404 from a broken route as ready. LWA 1.0 reads
        // AWS_LWA_READINESS_CHECK_HEALTHY_STATUS (it dropped ..._MIN_UNHEALTHY_STATUS).
        foreach (var function in Sam.Functions.Append(SamTemplate.Local.Function("ApiFunction")))
        {
            var environment = TemplateEnvironment.For(function);
            var healthy = HealthyStatuses(environment["AWS_LWA_READINESS_CHECK_HEALTHY_STATUS"]);
            Assert.Contains(200, healthy);
            Assert.DoesNotContain(404, healthy);
            Assert.DoesNotContain(healthy, s => s >= 300);
        }
    }

    [Fact]
    public void TheDeployingDocsNameTheSamCliThatKnowsDotnet10AndWhereTheAotBuildRuns()
    {
        var docs = File.ReadAllText(Path.Combine(SamTemplate.RepoRoot, "docs", "deploying.md"));
        if (Sam.Functions.Any(f => f.GetScalar("Runtime") == "dotnet10"))
        {
            Assert.Contains("1.151.0", docs, StringComparison.Ordinal);
        }
        Assert.Contains("Linux x64", docs, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/TodoApp.Local", docs, StringComparison.Ordinal);
    }

    /// <summary>"200-299,304" → the statuses it names.</summary>
    private static HashSet<int> HealthyStatuses(string spec) =>
        [.. spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).SelectMany(part =>
        {
            var bounds = part.Split('-').Select(b => int.Parse(b, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return Enumerable.Range(bounds[0], bounds[^1] - bounds[0] + 1);
        })];

    private static string Serialize(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    internal static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void Run(string file, string[] arguments, string binDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = SamTemplate.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{binDirectory}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {output}");
    }
}
