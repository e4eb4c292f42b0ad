using TodoApp.Local;
using TodoApp.Local.Provisioning;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>template.yaml with SAM's Globals applied to each function, as the transform would.</summary>
public sealed class SamTemplate
{
    public static readonly string RepoRoot = RepoPaths.FindRoot();
    public static readonly SamTemplate Instance = Load("template.yaml");

    /// <summary>template.local.yaml: what `sam local start-api` serves, never deployed.</summary>
    public static readonly SamTemplate Local = Load("template.local.yaml");

    public static SamTemplate Load(string file) => new(CloudFormationTemplate.Load(Path.Combine(RepoRoot, file)));

    private SamTemplate(CloudFormationTemplate template)
    {
        Template = template;
        var globals = Mapping(Mapping(template.Root, "Globals") ?? new YamlMappingNode(), "Function") ?? new YamlMappingNode();
        Functions = template.ResourcesOfType("AWS::Serverless::Function")
            .Select(f => new SamFunction(f.LogicalId, template.Resource(f.LogicalId), f.Properties, globals))
            .ToList();
    }

    public CloudFormationTemplate Template { get; }
    public IReadOnlyList<SamFunction> Functions { get; }

    public SamFunction Function(string logicalId) => Functions.Single(f => f.LogicalId == logicalId);
}

public sealed record SamFunction(string LogicalId, YamlMappingNode Resource, YamlMappingNode Properties, YamlMappingNode Globals)
{
    /// <summary>A property from the function, falling back to Globals.Function.</summary>
    public YamlNode? Get(string name) =>
        Properties.Children.TryGetValue(name, out var own) ? own : Globals.Children.TryGetValue(name, out var global) ? global : null;

    public string? GetScalar(string name) => (Get(name) as YamlScalarNode)?.Value;

    /// <summary>
    /// The function host's <c>-p:Function</c> for an event function (the Makefile builds each as its own
    /// AOT binary; BuildTargetTests checks the Makefile agrees); null for the API.
    /// </summary>
    public string? HostFunction => LogicalId switch
    {
        "ThumbnailFunction" => "thumbnails",
        "OrderProcessorFunction" => "orders",
        "CleanupFunction" => "cleanup",
        "GitHubToSlackFunction" => "github",
        _ => null,
    };

    /// <summary>Environment variables: Globals first, the function's own override them.</summary>
    public Dictionary<string, YamlNode> Environment()
    {
        var result = new Dictionary<string, YamlNode>();
        foreach (var source in new[] { Globals, Properties })
        {
            if (Mapping(source, "Environment") is { } env && Mapping(env, "Variables") is { } variables)
            {
                foreach (var (key, value) in variables.Children)
                {
                    result[((YamlScalarNode)key).Value!] = value;
                }
            }
        }
        return result;
    }

    public IEnumerable<YamlMappingNode> Events() =>
        Mapping(Properties, "Events") is { } events ? events.Children.Values.OfType<YamlMappingNode>() : [];
}
