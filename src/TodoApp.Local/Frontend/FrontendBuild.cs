using TodoApp.Local.Emulators;

namespace TodoApp.Local.Frontend;

/// <summary>
/// Builds <c>frontend/dist</c> (npm ci + npm run build) when it is missing or older than its sources,
/// under a file lock so parallel test runs build it once.
/// </summary>
public static class FrontendBuild
{
    private static readonly string[] Sources = ["src", "index.html", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json"];

    public static async Task<string> EnsureBuiltAsync(string repoRoot, CancellationToken ct)
    {
        var folder = Path.Combine(repoRoot, "frontend");
        var dist = Path.Combine(folder, "dist");
        if (!IsStale(folder, dist))
        {
            return dist;
        }
        await NodeModules.EnsureInstalledAsync(folder, ct);
        await using var guard = await NodeModules.AcquireLockAsync(Path.Combine(folder, ".build.lock"), ct);
        if (IsStale(folder, dist))
        {
            Console.Error.WriteLine("Building the frontend (npm run build)...");
            if (await NodeModules.RunAsync("npm", ["run", "build", "--silent"], folder, ct) != 0)
            {
                throw new LocalSystemException("'npm run build' failed in frontend/. Run it there to see the errors.");
            }
        }
        return dist;
    }

    private static bool IsStale(string folder, string dist)
    {
        var index = Path.Combine(dist, "index.html");
        if (!File.Exists(index))
        {
            return true;
        }
        var built = File.GetLastWriteTimeUtc(index);
        return Sources.Select(s => Path.Combine(folder, s)).Any(path =>
            Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Any(f => File.GetLastWriteTimeUtc(f) > built)
                : File.Exists(path) && File.GetLastWriteTimeUtc(path) > built);
    }
}
