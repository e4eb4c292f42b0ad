using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TodoApp.Benchmarks;

/// <summary>The three server builds under test, and starting one of them on a free port.</summary>
public sealed record ServerBuild(string Name, string Executable, string ReadyPath, IReadOnlyDictionary<string, string>? ExtraEnvironment = null)
{
    public static async Task<ServerBuild[]> BuildAllAsync(BenchContext context)
    {
        var aot = Path.Combine(context.Artifacts, "api-aot");
        var jit = Path.Combine(context.Artifacts, "api-jit");
        var floor = Path.Combine(context.Artifacts, "floor-aot");
        Console.WriteLine("Building: API (Native AOT, as deployed), API (JIT), floor (Native AOT)...");
        await context.RunAsync("make", "build-ApiFunction", $"ARTIFACTS_DIR={aot}");
        await context.RunAsync("dotnet", "publish", "src/TodoApp.Api", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishAot=false", "-o", jit);
        await context.RunAsync("dotnet", "publish", "tests/TodoApp.Benchmarks.Floor", "-c", "Release", "-r", "linux-x64", "-o", floor);
        return
        [
            new("API, Native AOT", Path.Combine(aot, "bootstrap"), "/api/todos"),
            .. Baseline("/api/todos"),
            .. Variants(Path.Combine(aot, "bootstrap"), "/api/todos"),
            // The same binary to /healthz: how much of the above is start-up, how much the first DynamoDB call.
            new("API, Native AOT, to /healthz", Path.Combine(aot, "bootstrap"), "/healthz"),
            new("API, JIT", Path.Combine(jit, "TodoApp.Api"), "/api/todos"),
            new("Floor: AOT fixed JSON", Path.Combine(floor, "TodoApp.Benchmarks.Floor"), "/fixed"),
        ];
    }

    /// <summary>
    /// BENCH_BASELINE=/path/to/bootstrap[:/other/bootstrap] adds earlier builds of the API (named by
    /// their folder) to the cold-start and warm runs, measured alternately with the current one, so a
    /// change's effect is read within one run.
    /// </summary>
    public static ServerBuild[] Baseline(string readyPath) =>
        (Environment.GetEnvironmentVariable("BENCH_BASELINE") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(File.Exists)
            .Select(path => new ServerBuild($"API, Native AOT, {Path.GetFileName(Path.GetDirectoryName(path))}", path, readyPath))
            .ToArray();

    /// <summary>
    /// BENCH_VARIANTS="gc-workstation:DOTNET_gcServer=0|other:K=V,K2=V2" adds the AOT API run with
    /// extra environment variables (runtime knobs), measured alternately with the plain build.
    /// </summary>
    public static ServerBuild[] Variants(string executable, string readyPath) =>
        (Environment.GetEnvironmentVariable("BENCH_VARIANTS") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(variant => variant.Split(':', 2))
            .Select(parts => new ServerBuild($"API, Native AOT, {parts[0]}", executable, readyPath,
                parts[1].Split(',').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1])))
            .ToArray();

    public Process Start(BenchContext context, int port)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in context.ServerEnvironment(port).Concat(ExtraEnvironment ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Resident set size from /proc, in MiB.</summary>
    public static double RssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
