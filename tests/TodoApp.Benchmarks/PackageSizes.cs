using System.IO.Compression;

namespace TodoApp.Benchmarks;

/// <summary>Each deployable as `sam build` would zip it, from the same Makefile targets.</summary>
public static class PackageSizes
{
    private static readonly (string Target, double BudgetMiB)[] Targets =
    [
        ("build-ApiFunction", 12),
        ("functions", 15),
    ];

    public static async Task RunAsync(BenchContext context)
    {
        const string section = "Package sizes (zipped)";
        context.Report(section, "| Deployable | zipped MiB | budget MiB |");
        context.Report(section, "| --- | --- | --- |");
        foreach (var (target, budget) in Targets)
        {
            var folder = Path.Combine(context.Artifacts, "package-" + target);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            await context.RunAsync("make", target, $"ARTIFACTS_DIR={folder}");
            var zip = folder + ".zip";
            File.Delete(zip);
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            var name = target == "functions" ? "TodoApp.Functions (every event function)" : "ApiFunction (AOT bootstrap)";
            context.Report(section, $"| {name} | {BenchContext.F(new FileInfo(zip).Length / 1048576.0, 2)} | {budget} |");
        }
    }
}
