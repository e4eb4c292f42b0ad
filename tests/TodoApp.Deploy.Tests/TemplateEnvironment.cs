using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// A function's environment variables as Lambda would set them, with CloudFormation's intrinsics
/// replaced by plausible values: a parameter by its default, <c>!Ref</c> of a resource by a name,
/// <c>!GetAtt X.Y</c> by "X-Y", pseudo parameters by example values, <c>!Sub</c> by its string with
/// those substituted. Values only need to look like the real ones to the code's own validation.
/// </summary>
public static partial class TemplateEnvironment
{
    private static readonly Dictionary<string, string> Pseudo = new(StringComparer.Ordinal)
    {
        ["AWS::Region"] = "eu-west-1",
        ["AWS::AccountId"] = "123456789012",
        ["AWS::Partition"] = "aws",
        ["AWS::StackName"] = "todoapp-dev",
        ["AWS::URLSuffix"] = "amazonaws.com",
    };

    public static Dictionary<string, string> For(SamFunction function) =>
        function.Environment().ToDictionary(v => v.Key, v => Resolve(v.Value), StringComparer.Ordinal);

    public static string Resolve(YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { } value } scalar)
        {
            return $"unresolved-{node.Tag}";
        }
        return scalar.Tag.IsEmpty ? value : scalar.Tag.Value switch
        {
            "!Ref" => Reference(value),
            "!GetAtt" => value.Replace('.', '-'),
            "!Sub" => SubstitutionPattern().Replace(value, m => Reference(m.Groups[1].Value)),
            var tag => $"unresolved-{tag}",
        };
    }

    private static string Reference(string name)
    {
        if (Pseudo.TryGetValue(name, out var pseudo))
        {
            return pseudo;
        }
        if (name.Contains('.', StringComparison.Ordinal))
        {
            return name.Replace('.', '-');
        }
        var parameters = Mapping(SamTemplate.Instance.Template.Root, "Parameters")!;
        return Mapping(parameters, name) is { } parameter ? ScalarValue(parameter, "Default") ?? "" : $"todoapp-dev-{name}";
    }

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubstitutionPattern();
}
