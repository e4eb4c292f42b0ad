using TodoApp.Local.Emulators;

namespace TodoApp.Local.Frontend;

/// <summary>
/// Builds <c>frontend/dist</c> when it is missing or older than any source, so `dotnet run` and the
/// browser tests always serve the current app. A file lock keeps parallel test processes from
/// building on top of each other; the second one finds dist fresh and returns.
/// </summary>
public static class FrontendBuild
{
    private static readonly string[] SourceFiles = ["index.html", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json"];

    public static string Folder(string repoRoot) => Path.Combine(repoRoot, "frontend");

    public static string Dist(string repoRoot) => Path.Combine(Folder(repoRoot), "dist");

    public static async Task EnsureBuiltAsync(string repoRoot, CancellationToken ct)
    {
        var folder = Folder(repoRoot);
        if (!File.Exists(Path.Combine(folder, "package.json")) || IsFresh(folder))
        {
            return;
        }
        await NodeModules.EnsureInstalledAsync(folder, ct);
        await using var guard = await NodeModules.AcquireLockAsync(Path.Combine(folder, ".build.lock"), ct);
        if (IsFresh(folder))
        {
            return;
        }
        Console.Error.WriteLine($"Building the frontend in {folder} (npm run build)...");
        var exit = await NodeModules.RunAsync("npm", ["run", "build", "--silent"], folder, ct);
        if (exit != 0 || !IsFresh(folder))
        {
            throw new LocalSystemException($"'npm run build' failed in {folder} (exit code {exit}). Run it there to see the errors.");
        }
    }

    /// <summary>Fresh when dist/index.html is newer than every source file (git checkouts and edits both bump times).</summary>
    public static bool IsFresh(string folder)
    {
        var built = new FileInfo(Path.Combine(folder, "dist", "index.html"));
        if (!built.Exists)
        {
            return false;
        }
        var src = new DirectoryInfo(Path.Combine(folder, "src"));
        var sources = SourceFiles.Select(f => new FileInfo(Path.Combine(folder, f))).Where(f => f.Exists)
            .Concat(src.Exists ? src.EnumerateFiles("*", SearchOption.AllDirectories) : []);
        return sources.All(f => f.LastWriteTimeUtc <= built.LastWriteTimeUtc);
    }
}
