using System.Text.Json;
using TodoApp.Core.Observability;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Thumbnails;

public sealed class ThumbnailObservabilityTests
{
    [Fact]
    public async Task AMadeThumbnailCountsOneUploadOneThumbnailAndItsDurationInMilliseconds()
    {
        var output = new StringWriter();
        using var harness = await ThumbnailHarness.CreateAsync(metrics: new Metrics("thumbnails", output));
        var at = await harness.UploadAsync(TestImages.Webp(300, 200), "image/webp", "small.webp");

        await harness.DeliverAsync(at);
        await harness.DeliverAsync(at); // a redelivered event: nothing new to count

        var lines = EmfLines(output);
        Assert.Equal(1, Value(lines, "AttachmentsUploaded"));
        Assert.Equal(1, Value(lines, "ThumbnailsMade"));
        Assert.DoesNotContain(lines, l => l.TryGetProperty("ThumbnailsFailed", out _));
        var duration = Assert.Single(lines, l => l.TryGetProperty("ThumbnailDuration", out _));
        Assert.Equal("Milliseconds", duration.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("Unit").GetString());
        Assert.InRange(duration.GetProperty("ThumbnailDuration").GetDouble(), 0.001, 20_000);
        Assert.Equal("image/webp", duration.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task AFileThatIsNoImageCountsAsAnUploadAndAFailedThumbnail()
    {
        var output = new StringWriter();
        using var harness = await ThumbnailHarness.CreateAsync(metrics: new Metrics("thumbnails", output));
        var at = await harness.UploadAsync(TestImages.Text(), "image/jpeg", "holiday.jpg");

        await harness.DeliverAsync(at);

        var lines = EmfLines(output);
        Assert.Equal(1, Value(lines, "AttachmentsUploaded"));
        Assert.Equal(1, Value(lines, "ThumbnailsFailed"));
        Assert.DoesNotContain(lines, l => l.TryGetProperty("ThumbnailsMade", out _));
    }

    [Fact]
    public async Task ThumbnailLinesCarryTheCorrelationIdOfTheRequestThatCreatedTheAttachment()
    {
        var logs = new CapturedLogs();
        using var harness = await ThumbnailHarness.CreateAsync(metrics: new Metrics("thumbnails", TextWriter.Null), logs: logs.Factory);
        var correlationId = "upload-" + Guid.NewGuid().ToString("N");
        var at = await harness.UploadAsync(TestImages.Webp(120, 90), "image/webp", "small.webp", correlationId);

        await harness.DeliverAsync(at);

        var ready = Assert.Single(logs.Lines(), l => l.GetProperty("message").GetString()!.Contains("is READY", StringComparison.Ordinal));
        Assert.Equal(correlationId, ready.GetProperty("correlation_id").GetString());
        Assert.Equal("TEST", ready.GetProperty("function_request_id").GetString());
        Assert.DoesNotContain(logs.Lines(), l => l.TryGetProperty("correlation_id", out var c) && c.GetString()!.Contains(harness.UserId, StringComparison.Ordinal));
    }

    private static List<JsonElement> EmfLines(StringWriter output)
    {
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, l => Assert.Empty(EmfSpecification.Violations(l)));
        Assert.All(lines, l => Assert.Equal("thumbnails", l.GetProperty("service").GetString()));
        return lines;
    }

    private static double Value(List<JsonElement> lines, string metric) =>
        Assert.Single(lines, l => l.TryGetProperty(metric, out _)).GetProperty(metric).GetDouble();
}
