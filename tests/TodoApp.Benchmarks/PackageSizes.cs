namespace TodoApp.Benchmarks;

/// <summary>Each deployable as `sam build` would zip it, from the same Makefile targets.</summary>
public static class PackageSizes
{
    private static readonly (string Target, double BudgetMiB)[] Targets =
    [
        ("build-ApiFunction", 12),
        ("build-ThumbnailFunction", 15),
        ("build-OrderProcessorFunction", 15),
        ("build-CleanupFunction", 15),
        ("build-GitHubToSlackFunction", 15),
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
            // As `sam deploy` zips (see BuildTargetTests.ZippedSizeAsync): deflate at zlib's default level.
            await context.RunAsync("bash", "-c", $"cd '{folder}' && zip -q -r -X -6 '{zip}' .");
            // Every package is a Native AOT bootstrap; the thumbnail function's also carries libvips.
            var mib = new FileInfo(zip).Length / 1048576.0;
            context.Report(section, $"| {target["build-".Length..]} | {BenchContext.F(mib, 2)} | {budget} |");
            if (mib > budget)
            {
                context.Fail($"{target}: {BenchContext.F(mib, 2)} MiB zipped, over its {budget} MiB budget");
            }
        }
    }
}
