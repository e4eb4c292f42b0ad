using System.Diagnostics;

namespace TodoApp.Benchmarks;

/// <summary>
/// Cold-start proxy, started the way the Lambda Web Adapter starts the API: the process starts,
/// <c>/healthz</c> is polled until it answers 200, then the first <c>GET /api/todos</c> is sent. For
/// both, the wall time since process start and the CPU time the process has used so far (less
/// sensitive than wall time to other work on a shared machine), then RSS. The API's <c>/healthz</c>
/// is held against the hello floor's, its first list against the same-work floor's. Lambda adds its own
/// init around this; this is the part we own. The builds take turns run by run, so drifting load on a
/// shared machine hits them alike.
/// </summary>
public static class ColdStart
{
    private const int Runs = 7;
    private const string Section = "Cold start (process start -> first 200)";

    private sealed record Start(double HealthMs, double HealthCpuMs, double ListMs, double ListCpuMs, double RssMiB);

    public static async Task RunAsync(BenchContext context)
    {
        var builds = await ServerBuild.BuildAllAsync(context);
        var loadAtStart = ProcessCpu.LoadAverage();
        var starts = builds.ToDictionary(b => b.Name, _ => new List<Start>());
        for (var run = 0; run < Runs; run++)
        {
            foreach (var build in builds)
            {
                starts[build.Name].Add(await MeasureOnceAsync(context, build));
            }
        }
        var medians = starts.ToDictionary(s => s.Key, s => new Start(
            BenchContext.Median(s.Value.Select(v => v.HealthMs)), BenchContext.Median(s.Value.Select(v => v.HealthCpuMs)),
            BenchContext.Median(s.Value.Select(v => v.ListMs)), BenchContext.Median(s.Value.Select(v => v.ListCpuMs)),
            BenchContext.Median(s.Value.Select(v => v.RssMiB))));
        context.Report(Section, $"| Build (medians of {Runs}) | first /healthz ms | its CPU ms | first GET /api/todos ms | its CPU ms | RSS after (MiB) |");
        context.Report(Section, "| --- | --- | --- | --- | --- | --- |");
        foreach (var build in builds)
        {
            var m = medians[build.Name];
            context.Report(Section, $"| {build.Name} | {F(m.HealthMs)} | {F(m.HealthCpuMs)} | {F(m.ListMs)} | {F(m.ListCpuMs)} | {F(m.RssMiB)} |");
        }
        var hello = medians[ServerBuild.HelloFloor];
        var sameWork = medians[ServerBuild.SameWorkFloor];
        context.Report(Section, "| Against the floors | /healthz ÷ hello floor, wall / CPU (≤ 1.5×) | first list ÷ same-work floor, wall / CPU (≤ 1.25×) | RSS (≤ 40 MiB) |");
        context.Report(Section, "| --- | --- | --- | --- |");
        foreach (var build in builds.Where(b => !b.Name.StartsWith("Floor", StringComparison.Ordinal)))
        {
            var m = medians[build.Name];
            context.Report(Section, $"| {build.Name} | {Ratio(m.HealthMs, hello.HealthMs)} / {Ratio(m.HealthCpuMs, hello.HealthCpuMs)} | " +
                $"{Ratio(m.ListMs, sameWork.ListMs)} / {Ratio(m.ListCpuMs, sameWork.ListCpuMs)} | {F(m.RssMiB)} MiB |");
        }
        context.Report(Section, $"Measured at {loadAtStart} (first run) and {ProcessCpu.LoadAverage()} (last) on {Environment.ProcessorCount} cores.");
    }

    private static async Task<Start> MeasureOnceAsync(BenchContext context, ServerBuild build)
    {
        var port = ServerBuild.FreePort();
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(200) });
        client.DefaultRequestHeaders.Authorization = new("Bearer", context.BenchToken);
        var watch = Stopwatch.StartNew();
        using var process = build.Start(context, port);
        try
        {
            var health = await FirstOkAsync(client, $"http://127.0.0.1:{port}{ServerBuild.HealthPath}", watch, build.Name);
            var healthCpu = ProcessCpu.StartupMilliseconds(process.Id);
            if (build.ListPath is null)
            {
                return new Start(health, healthCpu, double.NaN, double.NaN, ServerBuild.RssMiB(process.Id));
            }
            // Sent once, at once, like the adapter's first event: it must succeed, keys and all.
            using var list = await client.GetAsync($"http://127.0.0.1:{port}{build.ListPath}");
            var listMs = watch.Elapsed.TotalMilliseconds;
            var listCpu = ProcessCpu.StartupMilliseconds(process.Id);
            list.EnsureSuccessStatusCode();
            return new Start(health, healthCpu, listMs, listCpu, ServerBuild.RssMiB(process.Id));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static async Task<double> FirstOkAsync(HttpClient client, string url, Stopwatch watch, string name)
    {
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return watch.Elapsed.TotalMilliseconds;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet (or, on a very busy machine, the connect attempt timed out): try again.
            }
            await Task.Delay(1);
        }
        throw new TimeoutException($"{name} did not answer 200 on {url} within 20 s");
    }

    private static string F(double value) => double.IsNaN(value) ? "–" : BenchContext.F(value);

    private static string Ratio(double value, double floor) => BenchContext.F(value / floor, 2) + "×";
}
