using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// IAM has no TransactWriteItems action: each item of a transaction is authorised as its own action
/// (PutItem, UpdateItem, DeleteItem, ConditionCheckItem), and one missing action fails the whole
/// transaction with AccessDenied. Every function that writes transactions must hold every item action.
/// </summary>
public sealed class TransactionPermissionsTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;

    private static readonly string[] TransactionItemActions =
        ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"];

    /// <summary>
    /// What each deployable does with the table (read from src/: TodoStore, AttachmentStore,
    /// OrderStore.AcceptAsync, TodoSummary, CompletedTodoCleanup). The order processor only puts and
    /// updates in its transaction, and never deletes.
    /// </summary>
    public static TheoryData<string, string[]> TableActions() => new()
    {
        { "ApiFunction", [.. TransactionItemActions, "dynamodb:GetItem", "dynamodb:Query"] },
        { "OrderProcessorFunction", ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query"] },
        { "CleanupFunction", [.. TransactionItemActions, "dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"] },
    };

    /// <summary>The DynamoDB actions of the SAM policy templates this template uses (aws-sam-translator's policy_templates.json).</summary>
    private static readonly Dictionary<string, string[]> PolicyTemplates = new()
    {
        ["DynamoDBCrudPolicy"] =
        [
            "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem",
        ],
        ["DynamoDBReadPolicy"] = ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"],
    };

    [Theory]
    [MemberData(nameof(TableActions))]
    public void EveryTableActionAFunctionTakesIsGrantedOnTheTable(string function, string[] actions)
    {
        var granted = TableGrants(Sam.Function(function)).ToHashSet(StringComparer.Ordinal);
        Assert.All(actions, action => Assert.Contains(action, granted));
    }

    /// <summary>The DynamoDB actions a function's policies allow on TodoTable (its ARN or its indexes').</summary>
    private static IEnumerable<string> TableGrants(SamFunction function)
    {
        if (function.Get("Policies") is not YamlSequenceNode policies)
        {
            yield break;
        }
        foreach (var policy in policies.Children.OfType<YamlMappingNode>())
        {
            foreach (var (key, value) in policy.Children)
            {
                var name = ((YamlScalarNode)key).Value!;
                if (PolicyTemplates.TryGetValue(name, out var actions) && value is YamlMappingNode parameters &&
                    parameters.Children.TryGetValue(new YamlScalarNode("TableName"), out var table) && table.ToString().Contains("TodoTable", StringComparison.Ordinal))
                {
                    foreach (var action in actions)
                    {
                        yield return action;
                    }
                }
                else if (name == "Statement" && value is YamlSequenceNode statements)
                {
                    foreach (var statement in statements.Children.OfType<YamlMappingNode>()
                        .Where(s => ScalarValue(s, "Effect") == "Allow" && s.Children.TryGetValue(new YamlScalarNode("Resource"), out var resource) &&
                            resource.ToString().Contains("TodoTable", StringComparison.Ordinal)))
                    {
                        var action = statement.Children[new YamlScalarNode("Action")];
                        foreach (var one in action is YamlSequenceNode list ? list.Children.Select(c => c.ToString()) : [action.ToString()])
                        {
                            yield return one;
                        }
                    }
                }
            }
        }
    }
}
