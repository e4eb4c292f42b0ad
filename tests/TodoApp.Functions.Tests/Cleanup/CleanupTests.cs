using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Todos;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.Hosting;

namespace TodoApp.Functions.Tests.Cleanup;

public sealed class CleanupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset CompletedAt = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private CleanupHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CleanupHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(-1, false)]
    [InlineData(+1, true)]
    public async Task CompletedTodoIsDeletedOnlyOnceOlderThanTheRetention(int secondsPastRetention, bool deleted)
    {
        var todo = await CreateCompletedAsync("u1");
        var clock = new FakeTimeProvider(CompletedAt + TimeSpan.FromDays(30) + TimeSpan.FromSeconds(secondsPastRetention));

        var summary = await Function(clock).RunAsync(dryRun: false, default);

        Assert.Equal(deleted ? 1 : 0, summary.CompletedTodosDeleted);
        Assert.Equal(!deleted, await ExistsAsync("u1", todo.Id));
    }

    [Fact]
    public async Task ActiveAndReopenedTodosAreNeverDeleted()
    {
        var store = Store(new FakeTimeProvider(CompletedAt));
        var active = (await store.CreateAsync("u2", new NewTodo("still to do", null, null, []), default)).Todo!;
        var reopened = await CreateCompletedAsync("u2");
        await store.UpdateAsync("u2", reopened.Id, new TodoChanges { Completed = false }, null, default);

        await Function(new FakeTimeProvider(CompletedAt.AddYears(1))).RunAsync(dryRun: false, default);

        Assert.True(await ExistsAsync("u2", active.Id));
        Assert.True(await ExistsAsync("u2", reopened.Id));
    }

    [Fact]
    public async Task DryRunReportsWhatItWouldDeleteAndChangesNothing()
    {
        var todo = await CreateCompletedAsync("u3");
        var metrics = new StringWriter();

        var output = await Function(new FakeTimeProvider(CompletedAt.AddDays(31)), metrics)
            .HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes("""{"dryRun":true}""")));

        using var summary = await JsonDocument.ParseAsync(output);
        Assert.True(summary.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, summary.RootElement.GetProperty("completedTodosDeleted").GetInt32());
        Assert.True(await ExistsAsync("u3", todo.Id));
        Assert.Equal("", metrics.ToString());
    }

    [Fact]
    public async Task TwoOverlappingRunsDeleteEachTodoOnce()
    {
        var todos = new List<(string User, string Id)>();
        for (var i = 0; i < 20; i++)
        {
            todos.Add(($"user-{i % 3}", (await CreateCompletedAsync($"user-{i % 3}")).Id));
        }
        var clock = new FakeTimeProvider(CompletedAt.AddDays(40));

        var runs = await Task.WhenAll(Function(clock).RunAsync(false, default), Function(clock).RunAsync(false, default));

        Assert.Equal(20, runs.Sum(r => r.CompletedTodosDeleted));
        foreach (var (user, id) in todos)
        {
            Assert.False(await ExistsAsync(user, id));
        }
    }

    [Fact]
    public async Task ALargeBacklogStopsBeforeTheTimeoutAndTheNextRunContinues()
    {
        for (var i = 0; i < 60; i++)
        {
            await CreateCompletedAsync("backlog");
        }
        // Every look at the clock costs a second: a 40 s timeout with a 20 s margin leaves ~20 units of work.
        var clock = new SteppingClock(CompletedAt.AddDays(40), TimeSpan.FromSeconds(1));
        var function = Function(clock, timeoutSeconds: 40);

        var first = await function.RunAsync(false, default);
        Assert.True(first.StoppedEarly);
        Assert.InRange(first.CompletedTodosDeleted, 1, 59);

        var total = first.CompletedTodosDeleted;
        for (var run = 0; run < 10 && total < 60; run++)
        {
            total += (await function.RunAsync(false, default)).CompletedTodosDeleted;
        }
        Assert.Equal(60, total);
    }

    [Fact]
    public async Task LambdasDeadlineSoonerThanTheTimeoutSettingStopsTheRunBeforeIt()
    {
        for (var i = 0; i < 30; i++)
        {
            await CreateCompletedAsync("deadline");
        }
        // Every look at the clock costs a second. The setting allows 280 s of work; the invocation's own
        // deadline, as the adapter passes it, is 40 s away, which with the 20 s margin leaves about 20.
        var now = CompletedAt.AddDays(40);
        var function = Function(new SteppingClock(now, TimeSpan.FromSeconds(1)), timeoutSeconds: 300);
        LambdaInvocation.Current = new LambdaInvocation("c1eaa000-lambda", (now + TimeSpan.FromSeconds(40)).ToUnixTimeMilliseconds(), null, null);

        var summary = await function.RunAsync(false, default);

        Assert.True(summary.StoppedEarly);
        Assert.InRange(summary.CompletedTodosDeleted, 1, 29);
    }

    [Fact]
    public async Task SummaryMetricsAreValidEmfLines()
    {
        await CreateCompletedAsync("u4");
        var metrics = new StringWriter();

        await Function(new FakeTimeProvider(CompletedAt.AddDays(31)), metrics).RunAsync(false, default);

        var lines = metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\"CleanupCompletedTodosDeleted\":1", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal("TodoApp", JsonDocument.Parse(l).RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString()));
    }

    private CleanupFunction Function(TimeProvider clock, TextWriter? metrics = null, int timeoutSeconds = 300) =>
        _harness.Function(clock, metrics, timeoutSeconds);

    private TodoStore Store(TimeProvider clock) => _harness.Todos(clock);

    private async Task<Todo> CreateCompletedAsync(string user)
    {
        var store = Store(new FakeTimeProvider(CompletedAt));
        var todo = (await store.CreateAsync(user, new NewTodo("done", null, null, []), default)).Todo!;
        return (await store.UpdateAsync(user, todo.Id, new TodoChanges { Completed = true }, null, default)).Todo!;
    }

    private async Task<bool> ExistsAsync(string user, string id) =>
        await Store(TimeProvider.System).GetAsync(user, id, default) is not null;
}
