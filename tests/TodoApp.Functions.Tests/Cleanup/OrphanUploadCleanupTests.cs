using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Attachments;
using TodoApp.Functions.Cleanup;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Cleanup;

public sealed class OrphanUploadCleanupTests : IAsyncLifetime
{
    private CleanupHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CleanupHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(-5, false)]
    [InlineData(+5, true)]
    public async Task AnUploadWithoutARecordIsDeletedOnlyAfterTheGracePeriod(int minutesPastGrace, bool deleted)
    {
        var orphan = Orphan(SharedSystem.NewUserId());
        await _harness.Bucket.PutAsync(orphan.UploadKey);
        await _harness.Bucket.PutAsync(orphan.ThumbnailKey);
        var clock = new FakeTimeProvider(await _harness.LastModifiedAsync(orphan.UploadKey) + OrphanUploadCleanup.Grace + TimeSpan.FromMinutes(minutesPastGrace));

        var summary = await _harness.Function(clock).RunAsync(dryRun: false, default);

        Assert.Equal(deleted ? 1 : 0, summary.OrphanUploadsDeleted);
        Assert.Equal(!deleted, await _harness.Bucket.ExistsAsync(orphan.UploadKey));
        Assert.Equal(!deleted, await _harness.Bucket.ExistsAsync(orphan.ThumbnailKey));
    }

    [Fact]
    public async Task DryRunReportsEveryCategoryAndChangesNoObjectOrRecord()
    {
        var user = SharedSystem.NewUserId();
        var now = DateTimeOffset.UtcNow.AddDays(40);
        var done = await _harness.CreateTodoAsync(user, now.AddDays(-31), completed: true);
        var doneAttachment = await _harness.AttachAsync(user, done.Id, now.AddDays(-31), ready: true);
        var open = await _harness.CreateTodoAsync(user, now.AddDays(-2), completed: false);
        var stale = await _harness.AttachAsync(user, open.Id, now.AddHours(-25));
        var orphan = Orphan(user);
        await _harness.Bucket.PutAsync(orphan.UploadKey);
        var metrics = new StringWriter();

        var output = await _harness.Function(new FakeTimeProvider(now), metrics).HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes("""{"dryRun":true}""")));

        using var summary = await JsonDocument.ParseAsync(output);
        Assert.True(summary.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, summary.RootElement.GetProperty("completedTodosDeleted").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("attachmentObjectsDeleted").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("stalePendingAttachmentsFailed").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("orphanUploadsDeleted").GetInt32());
        Assert.Equal(4, await _harness.Bucket.CountAsync(""));
        Assert.Equal(AttachmentStatus.Pending, (await _harness.GetAttachmentAsync(stale))?.Status);
        Assert.NotNull(await _harness.GetAttachmentAsync(doneAttachment));
        Assert.NotNull(await _harness.Todos(TimeProvider.System).GetAsync(user, done.Id, default));
        Assert.Equal("", metrics.ToString());
    }

    [Fact]
    public async Task TwoOverlappingRunsDeleteAndCountEachThingOnce()
    {
        var user = SharedSystem.NewUserId();
        var now = DateTimeOffset.UtcNow.AddDays(40);
        var open = await _harness.CreateTodoAsync(user, now.AddDays(-2), completed: false);
        var stale = new List<AttachmentRef>();
        for (var i = 0; i < 5; i++)
        {
            stale.Add(await _harness.AttachAsync(user, open.Id, now.AddHours(-30)));
        }
        for (var i = 0; i < 6; i++)
        {
            var done = await _harness.CreateTodoAsync(user, now.AddDays(-35), completed: true);
            await _harness.AttachAsync(user, done.Id, now.AddDays(-35), ready: true);
        }
        for (var i = 0; i < 8; i++)
        {
            await _harness.Bucket.PutAsync(Orphan(user).UploadKey);
        }
        await _harness.Bucket.PutAsync("uploads/not-a-key-this-app-builds.txt");
        await _harness.Bucket.PutAsync("uploads/Upper/Case/Key");
        var clock = new FakeTimeProvider(now);

        var runs = await Task.WhenAll(_harness.Function(clock).RunAsync(false, default), _harness.Function(clock).RunAsync(false, default));

        Assert.Equal(6, runs.Sum(r => r.CompletedTodosDeleted));
        Assert.Equal(5, runs.Sum(r => r.StalePendingAttachmentsFailed));
        // An attachment of a todo being deleted may be finished by the other run's bucket walk: once, in either count.
        Assert.Equal(6 + 10, runs.Sum(r => r.AttachmentObjectsDeleted + r.OrphanUploadsDeleted));
        Assert.Equal(0, await _harness.Bucket.CountAsync(""));
        foreach (var at in stale)
        {
            Assert.Equal(AttachmentStatus.Failed, (await _harness.GetAttachmentAsync(at))?.Status);
        }
    }

    [Fact]
    public async Task ALargeBucketIsWalkedAcrossRunsThatEachStopBeforeTheTimeout()
    {
        // Live uploads sort first; without resuming where it stopped, no run would ever reach the orphans after them.
        var live = "a" + SharedSystem.NewUserId();
        var now = DateTimeOffset.UtcNow.AddHours(3);
        var kept = new List<AttachmentRef>();
        for (var todo = 0; todo < 3; todo++)
        {
            var open = await _harness.CreateTodoAsync(live, now, completed: false);
            for (var i = 0; i < 10; i++)
            {
                kept.Add(await _harness.AttachAsync(live, open.Id, now));
            }
        }
        var orphans = "z" + SharedSystem.NewUserId();
        for (var i = 0; i < 30; i++)
        {
            await _harness.Bucket.PutAsync(Orphan(orphans).UploadKey);
        }
        // Every look at the clock costs a second: a 40 s timeout with a 20 s margin leaves ~20 of them per run.
        var function = _harness.Function(new SteppingClock(now, TimeSpan.FromSeconds(1)), timeoutSeconds: 40);

        var first = await function.RunAsync(false, default);
        Assert.True(first.StoppedEarly);
        var total = first.OrphanUploadsDeleted;
        for (var run = 0; run < 20 && total < 30; run++)
        {
            var next = await function.RunAsync(false, default);
            Assert.True(next.StoppedEarly || total + next.OrphanUploadsDeleted == 30);
            total += next.OrphanUploadsDeleted;
        }

        Assert.Equal(30, total);
        Assert.Equal(0, await _harness.Bucket.CountAsync($"uploads/{orphans}/"));
        Assert.Equal(30, await _harness.Bucket.CountAsync($"uploads/{live}/"));
    }

    [Fact]
    public async Task TheSummaryLogLineAndMetricsCarryTheUploadCounts()
    {
        var user = SharedSystem.NewUserId();
        var now = DateTimeOffset.UtcNow.AddDays(3);
        var open = await _harness.CreateTodoAsync(user, now.AddDays(-2), completed: false);
        await _harness.AttachAsync(user, open.Id, now.AddHours(-25));
        await _harness.Bucket.PutAsync(Orphan(user).UploadKey);
        var metrics = new StringWriter();
        using var logs = new CapturedLogs();

        await _harness.Function(new FakeTimeProvider(now), metrics, logs: logs.Factory).RunAsync(false, default);

        var lines = metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\"CleanupOrphanUploadsDeleted\":1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"CleanupStalePendingAttachmentsFailed\":1", StringComparison.Ordinal));
        var summary = logs.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(l => l.GetProperty("message").GetString()!.StartsWith("Cleanup finished", StringComparison.Ordinal));
        Assert.Equal(1, summary.GetProperty("OrphanUploadsDeleted").GetInt32());
        Assert.Equal(1, summary.GetProperty("StalePendingAttachmentsFailed").GetInt32());
    }

    private static AttachmentRef Orphan(string user) =>
        new(user, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
}
