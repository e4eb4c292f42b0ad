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

    public static async Task<NodeEmulator> StartAsync(string infraFolder, string kind, IReadOnlyList<string> extraArgs, int port = 0, CancellationToken ct = default)
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
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }
        if (line is null || !line.StartsWith('{'))
        {
            process.Kill(entireProcessTree: true);
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
