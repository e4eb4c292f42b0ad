using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using TodoApp.Local;
using TodoApp.Local.Accounts;
using TodoApp.Local.Emulators;
using TodoApp.Local.Provisioning;

namespace TodoApp.Benchmarks;

/// <summary>What every benchmark shares: the repo, a seeded DynamoDB emulator, builds, and the report.</summary>
public sealed class BenchContext : IAsyncDisposable
{
    public const string BenchUser = "bench";
    private readonly List<(string Section, string Row)> _rows = [];
    private readonly List<string> _failures = [];

    private BenchContext(string root, NodeEmulator dynamo, LocalIdentity identity, string benchToken)
    {
        RepoRoot = root;
        Dynamo = dynamo;
        Identity = identity;
        BenchToken = benchToken;
        Artifacts = Directory.CreateDirectory(Path.Combine(root, "artifacts", "bench")).FullName;
    }

    public string RepoRoot { get; }
    public string Artifacts { get; }
    public NodeEmulator Dynamo { get; }

    /// <summary>The local OpenID Connect provider the servers trust, and an access token for <see cref="BenchUser"/>.</summary>
    public LocalIdentity Identity { get; }
    public string BenchToken { get; }

    public static async Task<BenchContext> CreateAsync()
    {
        var root = RepoPaths.FindRoot();
        var infra = Path.Combine(root, "infra", "local");
        await NodeModules.EnsureInstalledAsync(infra, default);
        var dynamo = await NodeEmulator.StartAsync(infra, "dynamodb", []);
        var aws = new AwsOptions { Region = "us-east-1", DynamoDbServiceUrl = dynamo.ServiceUrl.ToString() };
        using var client = AwsClients.DynamoDb(aws);
        await TableProvisioner.ProvisionAsync(CloudFormationTemplate.Load(Path.Combine(root, "template.yaml")), client, default);
        var store = new TodoStore(client, Options.Create(new TableOptions { Name = LocalSystem.TableName }), TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync(BenchUser, new NewTodo($"Benchmark todo {i}", "Some notes", DateOnly.FromDateTime(DateTime.Today), ["bench", "perf"]), default);
        }
        var identity = await LocalIdentity.StartAsync(infra, default);
        var token = await identity.AccessTokenAsync(BenchUser);
        return new BenchContext(root, dynamo, identity, token);
    }

    /// <summary>Environment for a server process: the same settings the local host gives the API.</summary>
    public Dictionary<string, string> ServerEnvironment(int port) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Table__Name"] = LocalSystem.TableName,
        ["Aws__Region"] = "us-east-1",
        ["Aws__DynamoDbServiceUrl"] = Dynamo.ServiceUrl.ToString(),
        ["Auth__Authority"] = Identity.Authority,
        ["Auth__ClientId"] = LocalIdentity.ClientId,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Metrics__Enabled"] = "false",
        // Required at start-up; the measured paths never send to them.
        ["Orders__QueueUrl"] = "http://127.0.0.1:9/000000000000/OrdersQueue",
        ["Media__BucketName"] = "todoapp-media-bench",
    };

    public async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed:\n{await output}\n{await errors}");
        }
    }

    /// <summary>Set by a run whose assertions failed; the runner then exits non-zero.</summary>
    public IReadOnlyList<string> Failures => _failures;

    public void Fail(string reason)
    {
        _failures.Add(reason);
        Console.WriteLine("FAILED " + reason);
    }

    public void Report(string section, string row)
    {
        _rows.Add((section, row));
        Console.WriteLine($"[{section}] {row}");
    }

    public void PrintReport()
    {
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        foreach (var group in _rows.GroupBy(r => r.Section))
        {
            Console.WriteLine();
            Console.WriteLine($"## {group.Key}");
            foreach (var (_, row) in group)
            {
                Console.WriteLine(row);
            }
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string F(double value, int decimals = 1) => value.ToString($"F{decimals}", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await Dynamo.DisposeAsync();
    }
}
