using System.Diagnostics;

namespace TodoApp.Benchmarks;

/// <summary>
/// Warm path: GET /api/todos returning 20 items with N concurrent connections on loopback, the API
/// (Native AOT) beside a floor app running the same DynamoDB Query with the raw SDK.
/// </summary>
public static class WarmPath
{
    private const int Connections = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private const int Runs = 3;

    public static async Task RunAsync(BenchContext context)
    {
        var aot = Path.Combine(context.Artifacts, "api-aot", "bootstrap");
        var floor = Path.Combine(context.Artifacts, "floor-aot", "TodoApp.Benchmarks.Floor");
        if (!File.Exists(aot) || !File.Exists(floor))
        {
            await ServerBuild.BuildAllAsync(context);
        }
        const string section = "Warm path (GET /api/todos, 20 items)";
        context.Report(section, $"| Server | req/s (median of {Runs}) | p50 ms | p99 ms | errors |");
        context.Report(section, "| --- | --- | --- | --- | --- |");
        foreach (var (name, executable, path) in new[]
        {
            ("API, Native AOT", aot, "/api/todos?limit=20"),
            ("Floor: AOT raw SDK Query", floor, "/api/todos"),
        })
        {
            var build = new ServerBuild(name, executable, path);
            var port = ServerBuild.FreePort();
            using var process = build.Start(context, port);
            try
            {
                var url = $"http://127.0.0.1:{port}{path}";
                await LoadAsync(url, TimeSpan.FromSeconds(3), context.BenchToken); // start-up and JIT-free warm-up of caches and connections
                var results = new List<(double Rps, double P50, double P99, int Errors)>();
                for (var run = 0; run < Runs; run++)
                {
                    results.Add(await LoadAsync(url, Duration, context.BenchToken));
                }
                var median = results.OrderBy(r => r.Rps).ElementAt(Runs / 2);
                context.Report(section, $"| {name} | {BenchContext.F(median.Rps, 0)} | {BenchContext.F(median.P50, 2)} | {BenchContext.F(median.P99, 2)} | {results.Sum(r => r.Errors)} |");
            }
            finally
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }

    private static async Task<(double Rps, double P50, double P99, int Errors)> LoadAsync(string url, TimeSpan duration, string token)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await WaitForServerAsync(client, url);
        var latencies = new List<double>[Connections];
        var errors = 0;
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
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / stop.Elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], errors);
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
