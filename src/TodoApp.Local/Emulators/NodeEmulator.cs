using System.Diagnostics;
using System.Text.Json;

namespace TodoApp.Local.Emulators;

/// <summary>
/// One emulator process from <c>infra/local/emulator.mjs</c> on a free loopback port. It exits when
/// its standard input closes, so even a host killed with SIGKILL leaves no orphan behind.
/// </summary>
public sealed class NodeEmulator : IAsyncDisposable
{
    private readonly Process _process;

    private NodeEmulator(Process process, string kind, int port)
    {
        _process = process;
        Kind = kind;
        Port = port;
    }

    public string Kind { get; }
    public int Port { get; }
    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// DynamoDB Local is a JVM: about 2 s to answer on an idle machine, but many times that when test
    /// assemblies, builds and browsers share two cores (seen: 50 s at a load of 40).
    /// </summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Starts the emulator and waits for its ready line. One that exits first is an error at once (a busy
    /// port, a missing module). One that is still running but silent after <see cref="ReadyTimeout"/>
    /// is killed and started once more: a rare start has hung on a loaded CI machine; the line written to
    /// stderr then says whether it was busy or idle.
    /// </summary>
    public static async Task<NodeEmulator> StartAsync(string infraFolder, string kind, IReadOnlyList<string> extraArgs, int port = 0, CancellationToken ct = default)
    {
        try
        {
            return await StartOnceAsync(infraFolder, kind, extraArgs, port, ct);
        }
        catch (EmulatorSilentException silent) when (!ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{silent.Message} Starting it once more.");
            return await StartOnceAsync(infraFolder, kind, extraArgs, port, ct);
        }
    }

    private static async Task<NodeEmulator> StartOnceAsync(string infraFolder, string kind, IReadOnlyList<string> extraArgs, int port, CancellationToken ct)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = infraFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["emulator.mjs", kind, "--port", port.ToString(), .. extraArgs])
        {
            start.ArgumentList.Add(arg);
        }
        var process = NodeModules.StartOrExplain(start);
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var state = process.HasExited
                ? $"it exited with code {process.ExitCode}"
                : $"it was still running, {process.TotalProcessorTime.TotalSeconds:F1} s of CPU used";
            process.Kill(entireProcessTree: true);
            string stderr;
            lock (errors)
            {
                stderr = errors.ToString().Trim();
            }
            throw new EmulatorSilentException($"The {kind} emulator did not report ready within {ReadyTimeout.TotalSeconds:F0} s ({state}); its stderr: {stderr}");
        }
        if (line is null || !line.StartsWith('{'))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            lock (errors)
            {
                throw new LocalSystemException($"The {kind} emulator did not start: {errors.ToString().Trim()}");
            }
        }
        using var ready = JsonDocument.Parse(line);
        // Keep draining stdout so a chatty emulator can never block on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        return new NodeEmulator(process, kind, ready.RootElement.GetProperty("port").GetInt32());
    }

    private sealed class EmulatorSilentException(string message) : LocalSystemException(message);

    public bool HasExited => _process.HasExited;

    /// <summary>Ends the emulator abruptly, as a crash would (no graceful close of its data).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
