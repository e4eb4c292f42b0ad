using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// What an operator is told, and what they can see: every deployed function alarms on errors and
/// throttles, every queue where failed work is parked alarms when not empty, every alarm reaches the
/// topic and says what to do (and docs/operating.md's table explains it).
/// </summary>
public sealed class AlarmTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;
    private static readonly List<(string Id, YamlMappingNode Properties)> Alarms = [.. Sam.Template.ResourcesOfType("AWS::CloudWatch::Alarm")];

    /// <summary>Functions that are deployed (none is conditional today; a conditional one would not be).</summary>
    public static TheoryData<string> DeployedFunctionIds() => [.. DeployedFunctions()];

    internal static IEnumerable<string> DeployedFunctions() =>
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
        var readme = File.ReadAllText(Path.Combine(SamTemplate.RepoRoot, "docs", "operating.md"));
        Assert.All(Alarms, a => Assert.Contains($"| `{a.Id}` |", readme, StringComparison.Ordinal));
    }

    /// <summary>Redrive targets, on-failure destinations and schedule dead-letter queues.</summary>
    internal static IEnumerable<string> ParkingQueues()
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
}
