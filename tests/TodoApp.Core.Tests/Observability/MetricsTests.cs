using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Observability;
using TodoApp.Testing;

namespace TodoApp.Core.Tests.Observability;

public sealed class MetricsTests
{
    [Fact]
    public void EveryLineIsValidEmfWithTheServiceDimension()
    {
        var output = new StringWriter();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var metrics = new Metrics("todo-api", output, clock);

        metrics.Count("TodosCreated");
        metrics.Duration("ThumbnailDuration", TimeSpan.FromMilliseconds(41.5));
        metrics.Emit("CleanupDeleted", 3, MetricUnit.Count, [new("category", "completed-todos")]);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Empty(EmfSpecification.Violations(json.RootElement));
            Assert.Equal("TodoApp", json.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
            Assert.Equal("todo-api", json.RootElement.GetProperty("service").GetString());
            Assert.Equal(1893456000000, json.RootElement.GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        }
        using var duration = JsonDocument.Parse(lines[1]);
        Assert.Equal(41.5, duration.RootElement.GetProperty("ThumbnailDuration").GetDouble());
        Assert.Equal("Milliseconds", duration.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("Unit").GetString());
        using var cleanup = JsonDocument.Parse(lines[2]);
        Assert.Equal("completed-todos", cleanup.RootElement.GetProperty("category").GetString());
    }

    [Fact]
    public void TheSpecificationCheckCatchesABrokenLine()
    {
        using var broken = JsonDocument.Parse("""{"_aws":{"Timestamp":"now","CloudWatchMetrics":[{"Namespace":"TodoApp","Dimensions":[["service"]],"Metrics":[{"Name":"X","Unit":"Parsecs"}]}]}}""");
        var violations = EmfSpecification.Violations(broken.RootElement);
        Assert.Contains(violations, v => v.Contains("Timestamp"));
        Assert.Contains(violations, v => v.Contains("service"));
        Assert.Contains(violations, v => v.Contains("Unit"));
        Assert.Contains(violations, v => v.Contains("numeric value"));
    }
}
