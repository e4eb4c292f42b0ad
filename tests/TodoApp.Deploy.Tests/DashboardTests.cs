using System.Text.Json;
using System.Text.RegularExpressions;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// What an operator can see on the stack's dashboard: every business metric the code emits (found in
/// src, so a new metric fails here until it is on the dashboard), every event function's errors and
/// duration, and every queue where failed work is parked.
/// </summary>
public sealed partial class DashboardTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;

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
        foreach (var id in AlarmTests.DeployedFunctions().Where(id => id != "ApiFunction"))
        {
            Assert.Contains(metrics, m => m is { Namespace: "AWS/Lambda", Name: "Errors" } && m.Dimension == id);
            Assert.Contains(metrics, m => m is { Namespace: "AWS/Lambda", Name: "Duration" } && m.Dimension == id);
        }
        foreach (var queue in AlarmTests.ParkingQueues())
        {
            Assert.Contains(metrics, m => m is { Namespace: "AWS/SQS", Name: "ApproximateNumberOfMessagesVisible" } && m.Dimension == $"{queue}.QueueName");
        }
    }

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
