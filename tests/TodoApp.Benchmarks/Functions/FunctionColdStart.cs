using System.Diagnostics;

namespace TodoApp.Benchmarks.Functions;

/// <summary>
/// Each event function's cold start as deployed: process start → first event answered, the way the
/// Lambda Web Adapter sees it (poll the readiness path, then send the event). The Native AOT bootstrap
/// from the function's Makefile target beside a JIT build of the same host and handler (framework-dependent,
/// no ReadyToRun: what the managed dotnet10 package was). Builds take turns run by run.
/// </summary>
public static class FunctionColdStart
{
    private const int Runs = 7;

    private static readonly (string Function, string Target)[] Functions =
    [
        ("thumbnails", "build-ThumbnailFunction"),
        ("orders", "build-OrderProcessorFunction"),
        ("cleanup", "build-CleanupFunction"),
        ("github", "build-GitHubToSlackFunction"),
    ];

    public static async Task RunAsync(BenchContext context)
    {
        var builds = new List<(string Function, string Kind, string File, string[] Args)>();
        foreach (var (function, target) in Functions)
        {
            var aot = Path.Combine(context.Artifacts, "function-aot-" + function);
            await context.RunAsync("make", target, $"ARTIFACTS_DIR={aot}");
            var jit = Path.Combine(context.Artifacts, "function-jit-" + function);
            await context.RunAsync("dotnet", "publish", "src/TodoApp.Functions.Host", "-c", "Release", "--self-contained", "false",
                $"-p:Function={function}", "-p:DebugType=none", "-o", jit, "--nologo");
            builds.Add((function, "AOT", Path.Combine(aot, "bootstrap"), []));
            builds.Add((function, "JIT", "dotnet", [Path.Combine(jit, "TodoApp.Functions.Host.dll")]));
        }
        await using var events = await FunctionEvents.StartAsync(context);
        var times = builds.ToDictionary(b => (b.Function, b.Kind), _ => new List<double>());
        for (var run = 0; run < Runs; run++)
        {
            foreach (var build in builds)
            {
                var ms = await MeasureOnceAsync(events, build.Function, build.File, build.Args);
                times[(build.Function, build.Kind)].Add(ms);
            }
        }
        const string section = "Event functions: cold start (process start -> first event answered)";
        context.Report(section, $"| Function | JIT median ms (of {Runs}) | AOT median ms | AOT min ms | JIT / AOT |");
        context.Report(section, "| --- | --- | --- | --- | --- |");
        foreach (var (function, _) in Functions)
        {
            var jit = BenchContext.Median(times[(function, "JIT")]);
            var aot = BenchContext.Median(times[(function, "AOT")]);
            context.Report(section, $"| {function} | {BenchContext.F(jit)} | {BenchContext.F(aot)} | {BenchContext.F(times[(function, "AOT")].Min())} | {BenchContext.F(jit / aot, 2)}× |");
        }
        context.Report(section, $"Measured at {ProcessCpu.LoadAverage()} on {Environment.ProcessorCount} cores.");
    }

    private static async Task<double> MeasureOnceAsync(FunctionEvents events, string function, string file, string[] args)
    {
        var invocation = await events.PrepareAsync(function);
        var port = ServerBuild.FreePort();
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in events.Environment(port))
        {
            start.Environment[key] = value;
        }
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(200) }) { BaseAddress = new($"http://127.0.0.1:{port}") };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[{function}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilReadyAsync(client, watch, function);
            using var request = new HttpRequestMessage(HttpMethod.Post, invocation.Path) { Content = new ByteArrayContent(invocation.Body) };
            request.Content.Headers.ContentType = new("application/json");
            foreach (var (name, value) in invocation.Headers)
            {
                request.Headers.Add(name, value);
            }
            using var response = await client.SendAsync(request);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{function} ({file}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            return elapsed;
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>What the adapter does before it forwards the first event: GET the readiness path until it answers 200.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client, Stopwatch watch, string function)
    {
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: the adapter polls too.
            }
            await Task.Delay(1);
        }
        throw new TimeoutException($"{function} was not ready within 20 s");
    }
}
