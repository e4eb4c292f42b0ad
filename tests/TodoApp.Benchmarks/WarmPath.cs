using System.Diagnostics;

namespace TodoApp.Benchmarks;

/// <summary>
/// Warm path: GET /api/todos returning 20 items with N concurrent connections on loopback, the API
/// (Native AOT) beside the same-work floor (the same token validated, the same DynamoDB Query through
/// the raw SDK). Both servers stay up and their runs alternate, so drifting load on a shared machine
/// hits both alike; CPU time per request (server and emulator) is reported beside the rates, as the
/// less load-sensitive figure.
/// </summary>
public static class WarmPath
{
    private const int Connections = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private const int Runs = 3;

    private sealed record Run(double Rps, double P50, double P99, int Errors, double ServerCpuMs, double DynamoCpuMs);

    public static async Task RunAsync(BenchContext context)
    {
        await ServerBuild.BuildAotAsync(context);
        var floor = ServerBuild.Floors(context).Single(f => f.Name == ServerBuild.SameWorkFloor);
        ServerBuild[] servers = [.. ServerBuild.AotApis(context, "/api/todos?limit=20"), floor];
        await MeasureAsync(context, servers);
    }

    /// <summary>Also the entry point for comparing two builds of the API (and the floor) in one run.</summary>
    public static async Task MeasureAsync(BenchContext context, IReadOnlyList<ServerBuild> servers)
    {
        const string section = "Warm path (GET /api/todos, 20 items)";
        var dynamo = ProcessCpu.Child("dynamodb");
        var running = servers.Select(s => (Build: s, Port: ServerBuild.FreePort())).Select(s => (s.Build, s.Port, Process: s.Build.Start(context, s.Port))).ToArray();
        try
        {
            var results = running.ToDictionary(s => s.Build.Name, _ => new List<Run>());
            foreach (var (build, port, process) in running)
            {
                await LoadAsync($"http://127.0.0.1:{port}{build.ListPath}", TimeSpan.FromSeconds(3), context.BenchToken, process.Id, dynamo); // caches, connections
            }
            for (var run = 0; run < Runs; run++)
            {
                foreach (var (build, port, process) in running)
                {
                    results[build.Name].Add(await LoadAsync($"http://127.0.0.1:{port}{build.ListPath}", Duration, context.BenchToken, process.Id, dynamo));
                }
            }
            context.Report(section, $"| Server | req/s (median of {Runs}, alternating) | p50 ms | p99 ms | server CPU µs/request | DynamoDB Local CPU µs/request | errors |");
            context.Report(section, "| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var (build, _, _) in running)
            {
                var runs = results[build.Name];
                var median = runs.OrderBy(r => r.Rps).ElementAt(Runs / 2);
                context.Report(section, $"| {build.Name} | {BenchContext.F(median.Rps, 0)} | {BenchContext.F(median.P50, 2)} | {BenchContext.F(median.P99, 2)} | " +
                    $"{BenchContext.F(BenchContext.Median(runs.Select(r => r.ServerCpuMs * 1000)), 0)} | {BenchContext.F(BenchContext.Median(runs.Select(r => r.DynamoCpuMs * 1000)), 0)} | {runs.Sum(r => r.Errors)} |");
            }
            if (results.TryGetValue(ServerBuild.SameWorkFloor, out var floorRuns))
            {
                var floorRps = BenchContext.Median(floorRuns.Select(r => r.Rps));
                foreach (var (build, _, _) in running.Where(r => r.Build.Name != ServerBuild.SameWorkFloor))
                {
                    context.Report(section, $"{build.Name}: {BenchContext.F(BenchContext.Median(results[build.Name].Select(r => r.Rps)) / floorRps, 2)}× the same-work floor's req/s (target ≥ 0.9×).");
                }
            }
            context.Report(section, $"Measured at {ProcessCpu.LoadAverage()} on {Environment.ProcessorCount} cores.");
        }
        finally
        {
            foreach (var (_, _, process) in running)
            {
                process.Kill();
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static async Task<Run> LoadAsync(string url, TimeSpan duration, string token, int serverPid, int? dynamoPid)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await WaitForServerAsync(client, url);
        var latencies = new List<double>[Connections];
        var errors = 0;
        var serverCpu = ProcessCpu.Milliseconds(serverPid);
        var dynamoCpu = dynamoPid is { } d ? ProcessCpu.TreeMilliseconds(d) : double.NaN;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async worker =>
        {
            var own = latencies[worker] = new List<double>(20_000);
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = stop.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        serverCpu = ProcessCpu.Milliseconds(serverPid) - serverCpu;
        dynamoCpu = dynamoPid is { } p ? ProcessCpu.TreeMilliseconds(p) - dynamoCpu : double.NaN;
        return new Run(all.Length / elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], errors, serverCpu / all.Length, dynamoCpu / all.Length);
    }

    private static async Task WaitForServerAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{url} did not come up");
    }
}
