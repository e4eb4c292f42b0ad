using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TodoApp.Benchmarks;

/// <summary>
/// The server builds under test, and starting one of them on a free port. Every build answers
/// <c>/healthz</c>; <paramref name="ListPath"/> is its <c>GET /api/todos</c> (none for the hello floor).
/// </summary>
public sealed record ServerBuild(string Name, string Executable, string? ListPath, IReadOnlyDictionary<string, string>? ExtraEnvironment = null)
{
    public const string HealthPath = "/healthz";
    public const string HelloFloor = "Floor: hello (fixed JSON)";
    public const string SameWorkFloor = "Floor: same work (JWT, raw SDK Query)";

    /// <summary>The API as deployed, earlier builds and variants of it, the JIT build, and the two floors.</summary>
    public static async Task<ServerBuild[]> BuildAllAsync(BenchContext context)
    {
        var jit = Path.Combine(context.Artifacts, "api-jit");
        Console.WriteLine("Building: API (Native AOT, as deployed), API (JIT), floor (Native AOT)...");
        await BuildAotAsync(context);
        await context.RunAsync("dotnet", "publish", "src/TodoApp.Api", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            "-p:PublishAot=false", "-o", jit);
        return
        [
            .. AotApis(context, "/api/todos"),
            new("API, JIT", Path.Combine(jit, "TodoApp.Api"), "/api/todos"),
            .. Floors(context),
        ];
    }

    /// <summary>The AOT builds only (the API and the floor), for the warm path.</summary>
    public static async Task BuildAotAsync(BenchContext context)
    {
        await context.RunAsync("make", "build-ApiFunction", $"ARTIFACTS_DIR={Path.Combine(context.Artifacts, "api-aot")}");
        await context.RunAsync("dotnet", "publish", "tests/TodoApp.Benchmarks.Floor", "-c", "Release", "-r", "linux-x64", "-o", FloorFolder(context));
    }

    /// <summary>The API as deployed, then any BENCH_BASELINE builds and BENCH_VARIANTS of it.</summary>
    public static ServerBuild[] AotApis(BenchContext context, string listPath)
    {
        var aot = Path.Combine(context.Artifacts, "api-aot", "bootstrap");
        return [new("API, Native AOT", aot, listPath), .. Baseline(listPath), .. Variants(aot, listPath)];
    }

    /// <summary>One AOT binary, two modes (see tests/TodoApp.Benchmarks.Floor).</summary>
    public static ServerBuild[] Floors(BenchContext context)
    {
        var floor = Path.Combine(FloorFolder(context), "TodoApp.Benchmarks.Floor");
        return
        [
            new(HelloFloor, floor, null, new Dictionary<string, string> { ["Floor__Mode"] = "hello" }),
            new(SameWorkFloor, floor, "/api/todos", new Dictionary<string, string> { ["Floor__Mode"] = "same-work" }),
        ];
    }

    private static string FloorFolder(BenchContext context) => Path.Combine(context.Artifacts, "floor-aot");

    /// <summary>
    /// BENCH_BASELINE=/path/to/bootstrap[:/other/bootstrap] adds earlier builds of the API (named by
    /// their folder) to the cold-start and warm runs, measured alternately with the current one, so a
    /// change's effect is read within one run.
    /// </summary>
    private static ServerBuild[] Baseline(string listPath) =>
        (Environment.GetEnvironmentVariable("BENCH_BASELINE") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(File.Exists)
            .Select(path => new ServerBuild($"API, Native AOT, {Path.GetFileName(Path.GetDirectoryName(path))}", path, listPath))
            .ToArray();

    /// <summary>
    /// BENCH_VARIANTS="gc-workstation:DOTNET_gcServer=0|other:K=V,K2=V2" adds the AOT API run with
    /// extra environment variables (runtime knobs), measured alternately with the plain build.
    /// </summary>
    private static ServerBuild[] Variants(string executable, string listPath) =>
        (Environment.GetEnvironmentVariable("BENCH_VARIANTS") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(variant => variant.Split(':', 2))
            .Select(parts => new ServerBuild($"API, Native AOT, {parts[0]}", executable, listPath,
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
