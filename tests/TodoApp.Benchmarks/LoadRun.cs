using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.Local;

namespace TodoApp.Benchmarks;

/// <summary>
/// The reliability run: 50 clients doing mixed create/list/update/delete against the whole local
/// system on loopback for a bounded time, optionally with the DynamoDB emulator crashed and
/// restarted midway, then a consistency check of every acknowledged write.
/// </summary>
public static class LoadRun
{
    private const int Clients = 50;

    /// <summary>No request may take longer than this, outage or not (the SDK's retry budget is well inside it).</summary>
    private static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(5);

    /// <summary>How long after the restart the API may still answer 503 before it counts as not recovered.</summary>
    private static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    public static Task RunAsync(BenchContext context) => RunAsync(context, fault: false);

    public static Task RunWithFaultAsync(BenchContext context) => RunAsync(context, fault: true);

    private static async Task RunAsync(BenchContext context, bool fault)
    {
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("LOAD_SECONDS") ?? "60", System.Globalization.CultureInfo.InvariantCulture));
        var data = Directory.CreateTempSubdirectory("todoapp-load-").FullName;
        await using var system = await LocalSystem.StartAsync(new LocalSystemOptions
        {
            DefaultUrls = "http://127.0.0.1:0",
            DataDirectory = data,
            Configuration = { ["Logging:LogLevel:Default"] = "Warning", ["Metrics:Enabled"] = "false" },
        });
        var ledgers = Enumerable.Range(0, Clients).Select(i => new LoadLedger($"load-{Guid.NewGuid():N}"[..20] + i)).ToArray();
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var answers = new ConcurrentBag<(TimeSpan Start, TimeSpan End, Answer Answer)>();
        var slowest = 0.0;
        var stop = Stopwatch.StartNew();
        TimeSpan? killedAt = null, backAt = null;

        var faultTask = fault ? Task.Run(async () =>
        {
            await Task.Delay(duration / 3);
            killedAt = stop.Elapsed;
            Console.WriteLine($"[fault] killing DynamoDB at {killedAt.Value.TotalSeconds:F1} s for {Outage.TotalSeconds:F0} s");
            await system.CrashAndRestartDynamoDbAsync(Outage);
            backAt = stop.Elapsed;
            Console.WriteLine($"[fault] DynamoDB back at {backAt.Value.TotalSeconds:F1} s");
        }) : Task.CompletedTask;

        await Task.WhenAll(ledgers.Select(ledger => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = system.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Add(TodoApp.Local.Accounts.LocalAccounts.TokenHeader, "Bearer " + await system.Identity.AccessTokenAsync(ledger.User));
            var random = new Random(ledger.User.GetHashCode(StringComparison.Ordinal));
            while (stop.Elapsed < duration)
            {
                var started = stop.Elapsed;
                var answer = await ledger.StepAsync(client, random);
                var ended = stop.Elapsed;
                var ms = (ended - started).TotalMilliseconds;
                latencies.Add(ms);
                statuses.AddOrUpdate(answer.Status, 1, (_, n) => n + 1);
                answers.Add((started, ended, answer));
                InterlockedMax(ref slowest, ms);
            }
        })));
        await faultTask;
        var elapsed = stop.Elapsed;

        var violations = new List<string>();
        violations.AddRange(answers.Where(a => a.End - a.Start > MaxLatency)
            .Select(a => $"a request took {(a.End - a.Start).TotalSeconds:F1} s (bound {MaxLatency.TotalSeconds:F0} s), answered {a.Answer.Status}"));
        violations.AddRange(answers.Where(a => a.Answer.Status >= 500 && a.Answer.Status != 503).Select(a => $"answered {a.Answer.Status} at {a.Start.TotalSeconds:F1} s"));
        var outage = OutageFigures.Of(answers, killedAt, backAt);
        if (fault)
        {
            violations.AddRange(outage.Violations(RecoveryGrace));
        }
        using var checker = new HttpClient { BaseAddress = system.BaseAddress };
        foreach (var ledger in ledgers)
        {
            violations.AddRange(await ledger.CheckAsync(checker, await system.Identity.AccessTokenAsync(ledger.User)));
        }

        var sorted = latencies.Order().ToArray();
        var section = fault ? "Reliability: load with DynamoDB crashed and restarted" : "Reliability: load";
        context.Report(section, $"| clients | seconds | requests | req/s | p50 ms | p99 ms | max ms | statuses | outage | consistency |");
        context.Report(section, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        context.Report(section, $"| {Clients} | {elapsed.TotalSeconds:F0} | {sorted.Length} | {sorted.Length / elapsed.TotalSeconds:F0} | {sorted[sorted.Length / 2]:F1} | " +
            $"{sorted[(int)(sorted.Length * 0.99)]:F1} | {slowest:F0} | {string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))} | " +
            $"{(fault ? outage.Summary : "-")} | {(violations.Count == 0 ? "every acknowledged write present exactly once, no violations" : $"{violations.Count} VIOLATIONS")} |");
        foreach (var violation in violations.Take(20))
        {
            Console.WriteLine("VIOLATION " + violation);
        }
        if (violations.Count > 0)
        {
            context.Fail($"{section}: {violations.Count} violations");
        }
        Directory.Delete(data, recursive: true);
    }

    private static void InterlockedMax(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }
}
