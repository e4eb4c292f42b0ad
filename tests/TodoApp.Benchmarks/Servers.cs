using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TodoApp.Benchmarks;

/// <summary>The three server builds under test, and starting one of them on a free port.</summary>
public sealed record ServerBuild(string Name, string Executable, string ReadyPath)
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
            // The same binary to /healthz: how much of the above is start-up, how much the first DynamoDB call.
            new("API, Native AOT, to /healthz", Path.Combine(aot, "bootstrap"), "/healthz"),
            new("API, JIT", Path.Combine(jit, "TodoApp.Api"), "/api/todos"),
            new("Floor: AOT fixed JSON", Path.Combine(floor, "TodoApp.Benchmarks.Floor"), "/fixed"),
        ];
    }

    public Process Start(BenchContext context, int port)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in context.ServerEnvironment(port))
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
