using System.Diagnostics;

namespace TodoApp.Benchmarks;

/// <summary>
/// Cold-start proxy: process start to the first 200 on the list endpoint (the API) or /fixed (the
/// floor), and RSS right after it. Lambda adds its own init around this; this is the part we own.
/// </summary>
public static class ColdStart
{
    private const int Runs = 7;

    public static async Task RunAsync(BenchContext context)
    {
        var builds = await ServerBuild.BuildAllAsync(context);
        context.Report("Cold start (process start -> first 200)", "| Build | median ms | min ms | RSS after first request (MiB) |");
        context.Report("Cold start (process start -> first 200)", "| --- | --- | --- | --- |");
        foreach (var build in builds)
        {
            var times = new List<double>();
            var rss = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var (ms, mib) = await MeasureOnceAsync(context, build);
                times.Add(ms);
                rss.Add(mib);
            }
            context.Report("Cold start (process start -> first 200)",
                $"| {build.Name} | {BenchContext.F(BenchContext.Median(times))} | {BenchContext.F(times.Min())} | {BenchContext.F(BenchContext.Median(rss))} |");
        }
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
                catch (HttpRequestException)
                {
                    // not listening yet
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
