using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// The two deploy roles in infra/pipeline/pipeline-roles.yaml against what deploying calls.
/// CloudFormation execution role: infra/pipeline/permissions/handler-permissions.json lists, per resource
/// type, the actions CloudFormation's resource handlers call on create, update and delete (from the
/// resource provider schemas, with the source of each list); every resource type of the SAM-transformed
/// template must have an entry and every action must be granted, on the stack's names, or be left out
/// for a property no resource uses. Pipeline role: pipeline-permissions.json, per command the pipeline's
/// scripts run. A first deploy with a missing action fails half-way and leaves the stack in ROLLBACK_COMPLETE.
/// </summary>
public sealed partial class DeployPermissionsTests
{
    private static readonly string PermissionsDir = Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline", "permissions");
    private static readonly JsonElement HandlerTable = LoadJson("handler-permissions.json");
    private static readonly JsonElement PipelineTable = LoadJson("pipeline-permissions.json");
    private static readonly Local.Provisioning.CloudFormationTemplate Roles =
        Local.Provisioning.CloudFormationTemplate.Load(Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline", "pipeline-roles.yaml"));

    /// <summary>Statements whose ARNs cannot carry the stack's name, and why.</summary>
    private static readonly Dictionary<string, string> NotNameScoped = new(StringComparer.Ordinal)
    {
        ["TheLambdaWebAdapterLayer"] = "the layer is AWS's, in account 753240598075",
        ["EventSourceMappings"] = "event source mapping ARNs are ids",
        ["FindLogGroups"] = "DescribeLogGroups is authorized on log-group:* whatever the prefix",
        ["CanaryDeploymentConfigs"] = "CodeDeploy's predefined configs are named by AWS",
        ["Distribution"] = "CloudFront distributions, OACs and policies have id ARNs",
        ["UserPools"] = "user pool ARNs are ids",
    };

    [CfnLintFact]
    public async Task EveryResourceTypeOfTheTransformedTemplateHasAnEntryInTheHandlerPermissionsTable()
    {
        var transformed = await TransformedAsync();
        var types = HandlerTable.GetProperty("types");
        var missing = transformed.Types.Where(t => !types.TryGetProperty(t, out _)).ToList();
        Assert.True(missing.Count == 0,
            $"no handler permissions for {string.Join(", ", missing)}: add them to infra/pipeline/permissions/handler-permissions.json (refresh.py)");
        foreach (var (type, entry) in types.EnumerateObject().Select(p => (p.Name, p.Value)))
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("source").GetString()), $"{type} does not say where its permissions came from");
        }
    }

    [Fact]
    public void TheCloudFormationRoleGrantsEveryActionTheHandlersCallOrTheTableSaysWhyNot()
    {
        var granted = Statements("CloudFormationExecutionRole").SelectMany(s => Values(s, "Action")).ToList();
        var notNeeded = HandlerTable.GetProperty("notNeeded");
        var missing = new List<string>();
        foreach (var type in HandlerTable.GetProperty("types").EnumerateObject())
        {
            foreach (var operation in new[] { "create", "update", "delete" })
            {
                foreach (var action in type.Value.GetProperty(operation).EnumerateArray().Select(a => a.GetString()!))
                {
                    if (!notNeeded.TryGetProperty(action, out _) && !granted.Any(pattern => Matches(pattern, action)))
                    {
                        missing.Add($"{action} ({type.Name} {operation})");
                    }
                }
            }
        }
        Assert.True(missing.Count == 0, "CloudFormationExecutionRole lacks:\n" + string.Join('\n', missing.Distinct()));
    }

    [CfnLintFact]
    public async Task EveryActionLeftOutIsForAPropertyNoResourceOfTheTransformedTemplateUses()
    {
        var transformed = await TransformedAsync();
        foreach (var entry in HandlerTable.GetProperty("notNeeded").EnumerateObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.GetProperty("reason").GetString()), $"{entry.Name} is left out without a reason");
            var used = entry.Value.GetProperty("unlessProperty").EnumerateArray().Select(p => p.GetString()!).Where(transformed.PropertyNames.Contains).ToList();
            Assert.True(used.Count == 0, $"{entry.Name} was left out because nothing used {string.Join(", ", used)}; now something does: grant it");
        }
    }

    [Fact]
    public void TheCloudFormationRoleMayReadTheCodePackagesInTheArtifactsBucket()
    {
        // Lambda fetches a function's code from S3 with the caller's rights: without this every function create fails.
        var reads = Statements("CloudFormationExecutionRole")
            .Where(s => Values(s, "Action").Any(a => Matches(a, "s3:GetObject")))
            .SelectMany(s => Values(s, "Resource"));
        Assert.Contains(reads, r => r.Contains("${ArtifactsBucket.Arn}/*", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCloudFormationRolesResourcesAreTheStacksNamesOrSayWhyNot()
    {
        foreach (var statement in Statements("CloudFormationExecutionRole"))
        {
            var sid = ScalarValue(statement, "Sid") ?? "(no Sid)";
            if (NotNameScoped.ContainsKey(sid) || Mapping(statement, "Condition") is not null)
            {
                continue;
            }
            foreach (var resource in Values(statement, "Resource"))
            {
                Assert.True(resource.Contains("todoapp-${Stage}", StringComparison.Ordinal) || resource.Contains("${ArtifactsBucket", StringComparison.Ordinal),
                    $"{sid}: {resource} is not limited to the stack's names");
            }
        }
    }

    [Fact]
    public void EveryCommandThePipelineRunsIsInThePipelineTableAndItsActionsAreGrantedToThePipelineRole()
    {
        var commands = PipelineTable.GetProperty("commands").EnumerateObject().ToList();
        var scripts = Directory.GetFiles(Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline"), "*.sh");
        foreach (var script in scripts)
        {
            var code = string.Join('\n', File.ReadAllLines(script).Where(l => !l.TrimStart().StartsWith('#')));
            foreach (Match call in AwsCall().Matches(code))
            {
                var command = $"aws {call.Groups[1].Value} {call.Groups[2].Value}";
                Assert.True(commands.Any(c => c.Name == command), $"{Path.GetFileName(script)} runs `{command}`, which pipeline-permissions.json does not list");
            }
            if (code.Contains("sam deploy", StringComparison.Ordinal))
            {
                Assert.Contains(commands, c => c.Name.StartsWith("sam deploy", StringComparison.Ordinal));
            }
        }
        var granted = Statements("PipelineExecutionRole").SelectMany(s => Values(s, "Action")).ToList();
        foreach (var command in commands)
        {
            foreach (var action in command.Value.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!))
            {
                Assert.True(granted.Any(p => Matches(p, action)), $"PipelineExecutionRole lacks {action}, which `{command.Name}` calls");
            }
        }
    }

    /// <summary>An IAM action pattern ("lambda:Get*") against an action, case-insensitively as IAM does.</summary>
    private static bool Matches(string pattern, string action) =>
        Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);

    private static IEnumerable<YamlMappingNode> Statements(string role) =>
        Sequence(Mapping(Roles.Resource(role), "Properties")!, "Policies")
            .SelectMany(p => Sequence(Mapping(p, "PolicyDocument")!, "Statement"))
            .Where(s => ScalarValue(s, "Effect") == "Allow");

    private static List<string> Values(YamlMappingNode node, string key) =>
        !node.Children.TryGetValue(key, out var value) ? []
        : value is YamlSequenceNode seq ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!)]
        : [((YamlScalarNode)value).Value!];

    private static async Task<(HashSet<string> Types, HashSet<string> PropertyNames)> TransformedAsync()
    {
        var json = await CfnLint.RunPythonAsync(Path.Combine(PermissionsDir, "transformed.py"), "template.yaml");
        using var document = JsonDocument.Parse(json);
        return ([.. document.RootElement.GetProperty("types").EnumerateArray().Select(t => t.GetString()!)],
            [.. document.RootElement.GetProperty("propertyNames").EnumerateArray().Select(t => t.GetString()!)]);
    }

    private static JsonElement LoadJson(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(PermissionsDir, file)));
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"\baws\s+([a-z0-9-]+)\s+([a-z0-9-]+)")]
    private static partial Regex AwsCall();
}
