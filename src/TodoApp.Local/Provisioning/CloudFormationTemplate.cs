using YamlDotNet.RepresentationModel;

namespace TodoApp.Local.Provisioning;

/// <summary>
/// A read-only view of template.yaml, so local resources are created from the same definitions
/// the cloud uses. CloudFormation's short tags (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>) are kept
/// as node tags and resolved only where local provisioning needs them.
/// </summary>
public sealed class CloudFormationTemplate
{
    private readonly YamlMappingNode _resources;

    private CloudFormationTemplate(YamlMappingNode root)
    {
        Root = root;
        _resources = root.Children.TryGetValue("Resources", out var r) && r is YamlMappingNode m
            ? m
            : throw new LocalSystemException("template.yaml has no Resources section.");
    }

    public YamlMappingNode Root { get; }

    public static CloudFormationTemplate Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return new CloudFormationTemplate((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public IEnumerable<(string LogicalId, YamlMappingNode Properties)> ResourcesOfType(string type)
    {
        foreach (var (key, value) in _resources.Children)
        {
            if (value is YamlMappingNode resource && ScalarValue(resource, "Type") == type)
            {
                var properties = resource.Children.TryGetValue("Properties", out var p) && p is YamlMappingNode pm ? pm : new YamlMappingNode();
                yield return (((YamlScalarNode)key).Value!, properties);
            }
        }
    }

    public YamlMappingNode Resource(string logicalId) =>
        _resources.Children.TryGetValue(logicalId, out var node) && node is YamlMappingNode m
            ? m
            : throw new LocalSystemException($"template.yaml has no resource '{logicalId}'.");

    public static string? ScalarValue(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode s ? s.Value : null;

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    public static IEnumerable<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode seq ? seq.Children.OfType<YamlMappingNode>() : [];
}
