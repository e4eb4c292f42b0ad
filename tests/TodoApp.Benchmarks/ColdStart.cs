using System.Diagnostics;

namespace TodoApp.Benchmarks;

/// <summary>
/// Cold-start proxy: process start to the first 200 on the list endpoint (the API) or /fixed (the
/// floor), and RSS right after it. Lambda adds its own init around this; this is the part we own.
/// The builds take turns run by run, so drifting load on a shared machine hits them alike.
/// </summary>
public static class ColdStart
{
    private const int Runs = 7;

    public static async Task RunAsync(BenchContext context)
    {
        var builds = await ServerBuild.BuildAllAsync(context);
        const string section = "Cold start (process start -> first 200)";
        var times = builds.ToDictionary(b => b.Name, _ => new List<double>());
        var rss = builds.ToDictionary(b => b.Name, _ => new List<double>());
        for (var run = 0; run < Runs; run++)
        {
            foreach (var build in builds)
            {
                var (ms, mib) = await MeasureOnceAsync(context, build);
                times[build.Name].Add(ms);
                rss[build.Name].Add(mib);
            }
        }
        context.Report(section, $"| Build | median ms (of {Runs}) | min ms | RSS after first request (MiB) |");
        context.Report(section, "| --- | --- | --- | --- |");
        foreach (var build in builds)
        {
            context.Report(section,
                $"| {build.Name} | {BenchContext.F(BenchContext.Median(times[build.Name]))} | {BenchContext.F(times[build.Name].Min())} | {BenchContext.F(BenchContext.Median(rss[build.Name]))} |");
        }
        context.Report(section, $"Measured at {ProcessCpu.LoadAverage()} on {Environment.ProcessorCount} cores.");
    }

    private static async Task<(double Ms, double RssMiB)> MeasureOnceAsync(BenchContext context, ServerBuild build)
    {
        var port = ServerBuild.FreePort();
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(200) });
        client.DefaultRequestHeaders.Authorization = new("Bearer", context.BenchToken);
        var url = $"http://127.0.0.1:{port}{build.ReadyPath}";
        var watch = Stopwatch.StartNew();
        using var process = build.Start(context, port);
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                try
                {
                    using var response = await client.GetAsync(url);
                    if (response.IsSuccessStatusCode)
                    {
                        var elapsed = watch.Elapsed.TotalMilliseconds;
                        return (elapsed, ServerBuild.RssMiB(process.Id));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet (or, on a very busy machine, the connect attempt timed out): try again.
                }
                await Task.Delay(1);
            }
            throw new TimeoutException($"{build.Name} did not answer 200 within 20 s");
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }
}
