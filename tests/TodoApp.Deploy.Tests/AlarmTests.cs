using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// What an operator is told, and what they can see: every deployed function alarms on errors and
/// throttles, every queue where failed work is parked alarms when not empty, every alarm reaches the
/// topic and says what to do, and the dashboard shows every business metric the code emits.
/// </summary>
public sealed partial class AlarmTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;
    private static readonly List<(string Id, YamlMappingNode Properties)> Alarms = [.. Sam.Template.ResourcesOfType("AWS::CloudWatch::Alarm")];

    /// <summary>Functions that are deployed (ApiFunctionLocal exists only for `sam local`).</summary>
    public static TheoryData<string> DeployedFunctionIds() => [.. DeployedFunctions()];

    private static IEnumerable<string> DeployedFunctions() =>
        Sam.Functions.Where(f => ScalarValue(f.Resource, "Condition") is null).Select(f => f.LogicalId);

    [Theory]
    [MemberData(nameof(DeployedFunctionIds))]
    public void EveryDeployedFunctionAlarmsOnErrorsAndThrottles(string id)
    {
        foreach (var metric in new[] { "Errors", "Throttles" })
        {
            Assert.True(Alarms.Any(a => IsLambdaAlarm(a.Properties, metric, id)), $"{id} has no {metric} alarm");
        }
    }

    [Fact]
    public void EveryQueueThatHoldsFailedWorkAlarmsWhenNotEmpty()
    {
        var parking = ParkingQueues().ToList();
        Assert.Contains("OrdersDeadLetterQueue", parking);
        Assert.Contains("ThumbnailFailureQueue", parking);
        Assert.Contains("CleanupScheduleDeadLetterQueue", parking);
        foreach (var queue in parking)
        {
            Assert.True(Alarms.Any(a => ScalarValue(a.Properties, "Namespace") == "AWS/SQS"
                    && ScalarValue(a.Properties, "MetricName") == "ApproximateNumberOfMessagesVisible"
                    && ScalarValue(a.Properties, "Threshold") == "0" && ScalarValue(a.Properties, "ComparisonOperator") == "GreaterThanThreshold"
                    && Dimension(a.Properties, "QueueName") == $"{queue}.QueueName"),
                $"{queue} holds failed work but no alarm watches it");
        }
    }

    [Fact]
    public void SchedulesUseADeadLetterQueueOfTheTemplateNotOneSamGenerates()
    {
        foreach (var function in Sam.Functions)
        {
            foreach (var schedule in function.Events().Where(e => ScalarValue(e, "Type") == "ScheduleV2"))
            {
                var dlq = Mapping(Mapping(schedule, "Properties")!, "DeadLetterConfig")!;
                // `Type: SQS` makes SAM generate a queue this template cannot name in an alarm.
                Assert.Null(ScalarValue(dlq, "Type"));
                var target = ScalarValue(dlq, "Arn")!.Split('.')[0];
                Assert.Equal("AWS::SQS::Queue", ScalarValue(Sam.Template.Resource(target), "Type"));
            }
        }
    }

    [Fact]
    public void EveryAlarmNotifiesTheTopicAndSaysWhatItMeans()
    {
        foreach (var (id, properties) in Alarms)
        {
            Assert.Equal(["AlarmTopic"], properties.Children.TryGetValue("AlarmActions", out var actions)
                ? ((YamlSequenceNode)actions).Children.Select(a => ((YamlScalarNode)a).Value!) : []);
            Assert.True(ScalarValue(properties, "AlarmDescription") is { Length: > 40 }, $"{id} needs an AlarmDescription an operator can act on");
            Assert.Equal("notBreaching", ScalarValue(properties, "TreatMissingData"));
        }
    }

    [Fact]
    public void TheReadmeExplainsEveryAlarm()
    {
        var readme = File.ReadAllText(Path.Combine(SamTemplate.RepoRoot, "README.md"));
        Assert.All(Alarms, a => Assert.Contains($"| `{a.Id}` |", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void TheDashboardShowsEveryBusinessMetricTheCodeEmits()
    {
        var emitted = EmittedMetricNames();
        Assert.Contains("OrdersAccepted", emitted); // the scan itself works
        var shown = DashboardMetrics().Where(m => m.Namespace == "TodoApp").Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(emitted, name => Assert.Contains(name, shown));
    }

    [Fact]
    public void TheDashboardShowsEveryFunctionsErrorsAndDurationAndEveryParkingQueue()
    {
        var metrics = DashboardMetrics().ToList();
        foreach (var id in DeployedFunctions().Where(id => id != "ApiFunction"))
        {
            Assert.Contains(metrics, m => m is { Namespace: "AWS/Lambda", Name: "Errors" } && m.Dimension == id);
            Assert.Contains(metrics, m => m is { Namespace: "AWS/Lambda", Name: "Duration" } && m.Dimension == id);
        }
        foreach (var queue in ParkingQueues())
        {
            Assert.Contains(metrics, m => m is { Namespace: "AWS/SQS", Name: "ApproximateNumberOfMessagesVisible" } && m.Dimension == $"{queue}.QueueName");
        }
    }

    /// <summary>Redrive targets, on-failure destinations and schedule dead-letter queues.</summary>
    private static IEnumerable<string> ParkingQueues()
    {
        foreach (var (_, properties) in Sam.Template.ResourcesOfType("AWS::SQS::Queue"))
        {
            if (Mapping(properties, "RedrivePolicy") is { } redrive)
            {
                yield return ScalarValue(redrive, "deadLetterTargetArn")!.Split('.')[0];
            }
        }
        foreach (var function in Sam.Functions)
        {
            var onFailure = Mapping(Mapping(Mapping(function.Properties, "EventInvokeConfig") ?? new(), "DestinationConfig") ?? new(), "OnFailure");
            if (onFailure is not null && ScalarValue(onFailure, "Type") == "SQS")
            {
                yield return ScalarValue(onFailure, "Destination")!.Split('.')[0];
            }
            foreach (var schedule in function.Events().Where(e => ScalarValue(e, "Type") == "ScheduleV2"))
            {
                if (ScalarValue(Mapping(Mapping(schedule, "Properties")!, "DeadLetterConfig") ?? new(), "Arn") is { } arn)
                {
                    yield return arn.Split('.')[0];
                }
            }
        }
    }

    private static bool IsLambdaAlarm(YamlMappingNode alarm, string metric, string functionId) =>
        ScalarValue(alarm, "Namespace") == "AWS/Lambda" && ScalarValue(alarm, "MetricName") == metric && Dimension(alarm, "FunctionName") == functionId;

    private static string? Dimension(YamlMappingNode alarm, string name) =>
        Sequence(alarm, "Dimensions").Where(d => ScalarValue(d, "Name") == name).Select(d => ScalarValue(d, "Value")).FirstOrDefault();

    /// <summary>Metric names passed as literals to Metrics.Count/Emit/Duration anywhere in src.</summary>
    private static HashSet<string> EmittedMetricNames() =>
        Directory.GetFiles(Path.Combine(SamTemplate.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => MetricCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>(namespace, metric, first dimension value) of every dashboard series, with "." and "..." expanded.</summary>
    private static IEnumerable<(string Namespace, string Name, string Dimension)> DashboardMetrics()
    {
        var body = ScalarValue(Mapping(Sam.Template.Resource("Dashboard"), "Properties")!, "DashboardBody")!;
        // ${ApiFunction} -> ApiFunction, ${Queue.QueueName} -> Queue.QueueName: the logical ids stay visible.
        using var json = JsonDocument.Parse(Substitution().Replace(body, m => m.Groups[1].Value));
        foreach (var widget in json.RootElement.GetProperty("widgets").EnumerateArray())
        {
            if (!widget.GetProperty("properties").TryGetProperty("metrics", out var series))
            {
                continue;
            }
            string[] previous = [];
            foreach (var line in series.EnumerateArray())
            {
                var parts = line.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList();
                string[] expanded;
                if (parts.Count > 0 && parts[0] == "...")
                {
                    // "..." repeats the previous series but for the values that follow, which replace its tail.
                    var tail = parts.Skip(1).ToList();
                    expanded = [.. previous.Take(previous.Length - tail.Count), .. tail];
                }
                else
                {
                    expanded = [.. parts.Select((p, i) => p == "." ? previous[i] : p)];
                }
                previous = expanded;
                yield return (expanded[0], expanded[1], expanded.Length > 3 ? expanded[3] : "");
            }
        }
    }

    [GeneratedRegex(@"[Mm]etrics\.(?:Count|Emit|Duration)\(\s*""(\w+)""")]
    private static partial Regex MetricCall();

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Substitution();
}
