using System.Diagnostics;
using System.Security.Cryptography;

namespace TodoApp.Local.Emulators;

/// <summary>
/// Installs the pinned emulators from <c>infra/local</c> with <c>npm ci</c> when the lock file changed
/// since the last install. A file lock keeps parallel test runs from installing on top of each other.
/// </summary>
public static class NodeModules
{
    public static async Task EnsureInstalledAsync(string folder, CancellationToken ct)
    {
        var lockFile = Path.Combine(folder, "package-lock.json");
        var stamp = Path.Combine(folder, "node_modules", ".todoapp-installed");
        var wanted = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, ct)));
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, ct) == wanted)
        {
            return;
        }
        await using var guard = await AcquireLockAsync(Path.Combine(folder, ".install.lock"), ct);
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, ct) == wanted)
        {
            return;
        }
        Console.Error.WriteLine($"Installing local emulators in {folder} (npm ci)...");
        var exit = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, ct);
        if (exit != 0)
        {
            throw new LocalSystemException($"'npm ci' failed in {folder} (exit code {exit}). Check that npm can reach its registry.");
        }
        await File.WriteAllTextAsync(stamp, wanted, ct);
    }

    public static async Task<int> RunAsync(string command, string[] args, string folder, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = StartOrExplain(start);
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }

    public static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new LocalSystemException($"Could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalSystemException($"'{start.FileName}' was not found. TodoApp.Local needs Node.js 20 or later with npm on the PATH.", e);
        }
    }

    public static async Task<FileStream> AcquireLockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, ct);
            }
        }
    }
}
