using System.Text.Json;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// infra/events holds one event per function for <c>sam local invoke FUNCTION -e infra/events/FILE</c>.
/// The file for each function is named here (file names read better than logical ids), and each must
/// have the shape of what actually triggers that function in the template.
/// </summary>
public sealed class SampleEventTests
{
    private static readonly Dictionary<string, string> EventFiles = new(StringComparer.Ordinal)
    {
        ["ApiFunction"] = "api.json",
        ["ThumbnailFunction"] = "thumbnail.json",
        ["OrderProcessorFunction"] = "order-processor.json",
        ["CleanupFunction"] = "cleanup.json",
        ["GitHubToSlackFunction"] = "github-webhook.json",
    };

    private static readonly string EventsDir = Path.Combine(SamTemplate.RepoRoot, "infra", "events");

    public static TheoryData<string> FunctionIds() => [.. SamTemplate.Instance.Functions.Select(f => f.LogicalId)];

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void EveryFunctionHasASampleEventShapedLikeItsTrigger(string id)
    {
        Assert.True(EventFiles.TryGetValue(id, out var file), $"{id} has no sample event: add one to infra/events and name it in {nameof(SampleEventTests)}");
        var path = Path.Combine(EventsDir, file!);
        Assert.True(File.Exists(path), $"{path} is missing");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;

        var function = SamTemplate.Instance.Function(id);
        var triggers = function.Events().Select(e => ScalarValue(e, "Type")).ToList();
        if (function.Properties.Children.ContainsKey("FunctionUrlConfig") || triggers.Contains("HttpApi"))
        {
            // Function URLs and HTTP APIs both send payload format 2.0, which the Lambda Web Adapter (or the handler) reads.
            Assert.Equal("2.0", root.GetProperty("version").GetString());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("rawPath").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString()));
        }
        else if (triggers.Contains("SQS") || triggers.Contains("S3"))
        {
            var source = triggers.Contains("SQS") ? "aws:sqs" : "aws:s3";
            var records = root.GetProperty("Records").EnumerateArray().ToList();
            Assert.NotEmpty(records);
            Assert.All(records, r => Assert.Equal(source, r.GetProperty("eventSource").GetString()));
        }
        else if (triggers.Contains("ScheduleV2"))
        {
            // The scheduler delivers the template's Input verbatim: the sample has the same fields.
            var schedule = function.Events().Single(e => ScalarValue(e, "Type") == "ScheduleV2");
            using var input = JsonDocument.Parse(ScalarValue(Mapping(schedule, "Properties")!, "Input")!);
            Assert.Equal(input.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.Fail($"{id} is triggered by [{string.Join(", ", triggers)}]; teach this test that event's shape");
        }
    }

    [Fact]
    public void EverySampleEventBelongsToAFunctionOfTheTemplate()
    {
        var functions = SamTemplate.Instance.Functions.Select(f => f.LogicalId).ToHashSet(StringComparer.Ordinal);
        Assert.All(EventFiles.Keys, id => Assert.Contains(id, functions));
        Assert.Equal(EventFiles.Values.Distinct().Order(StringComparer.Ordinal),
            Directory.GetFiles(EventsDir, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheApiSampleIsARequestTheApiAnswersWithoutAUser()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(EventsDir, "api.json")));
        Assert.Equal("/healthz", json.RootElement.GetProperty("rawPath").GetString());
        Assert.Equal("/healthz", ((YamlScalarNode)SamTemplate.Instance.Function("ApiFunction").Environment()["AWS_LWA_READINESS_CHECK_PATH"]).Value);
    }
}
