using System.Diagnostics;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// Runs the Makefile targets `sam build` runs, into temp folders, and checks what Lambda would get.
/// Every function's target is resolved (dry run); two are published for real (the API's AOT binary and
/// the thumbnail function's, the one event function with a native library beside it). Both are Native
/// AOT publishes, so this is also where "zero trim/AOT warnings" is enforced.
/// </summary>
public sealed class BuildTargetTests
{
    private const long MaxApiZipBytes = 12L * 1024 * 1024;
    private const long MaxFunctionZipBytes = 15L * 1024 * 1024;

    [Fact]
    public async Task ApiTargetBuildsAWarningFreeAotBootstrapUnderTheSizeBudget()
    {
        var (output, folder) = await MakeAsync("build-ApiFunction");

        Assert.DoesNotMatch(@"warning (IL|AOT)\d+", output);
        var bootstrap = Path.Combine(folder, "bootstrap");
        Assert.True(File.Exists(bootstrap), output);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute));
        var header = new byte[4];
        await using (var file = File.OpenRead(bootstrap))
        {
            await file.ReadExactlyAsync(header);
        }
        Assert.Equal("\u007fELF"u8.ToArray(), header);
        Assert.InRange(await ZippedSizeAsync(folder), 1, MaxApiZipBytes);

        // Lambda's provided.al2023 has glibc 2.34: a bootstrap needing newer symbols fails at start there.
        // The pipeline's build job runs this same check on what `sam build` built.
        var (passed, verdict) = await CheckGlibcAsync(bootstrap, "2.34");
        Assert.True(passed, verdict);
        // The control: the check can fail (every glibc binary needs more than GLIBC_2.0).
        Assert.False((await CheckGlibcAsync(bootstrap, "2.0")).Passed);
    }

    /// <summary>Every function SAM builds with the Makefile, from the template's own logical ids.</summary>
    public static TheoryData<string> MakefileFunctionIds() =>
        [.. SamTemplate.Instance.Functions.Where(f => ScalarValue(Mapping(f.Resource, "Metadata") ?? new(), "BuildMethod") == "makefile").Select(f => f.LogicalId)];

    [Theory]
    [MemberData(nameof(MakefileFunctionIds))]
    public async Task EveryMakefileFunctionHasATargetThatPublishesItsHandlersProject(string id)
    {
        // A dry run resolves the target and its prerequisites without building: `sam build` fails on a
        // missing build-<LogicalId>, and a target that publishes the wrong project fails only in Lambda.
        // -B: as if nothing were built yet, so the shared publish shows even when its stamp is fresh.
        var (output, _) = await MakeAsync($"build-{id}", dryRun: true);

        var function = SamTemplate.Instance.Function(id);
        Assert.Contains(function.HostFunction is null ? "publish src/TodoApp.Api " : "publish src/TodoApp.Functions.Host ", output, StringComparison.Ordinal);
        Assert.Contains("-p:PublishAot=true", output, StringComparison.Ordinal);
        if (function.HostFunction is { } chosen)
        {
            // The function host built for this function only: the switch that keeps the others out of its binary.
            Assert.Contains($"-p:Function={chosen} ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThumbnailTargetBuildsAWarningFreeAotBootstrapWithLibvipsUnderTheSizeBudget()
    {
        // The one event function built for real here (the others share its code and are resolved above);
        // the published-binary test in TodoApp.Functions.Tests runs a thumbnail through this same publish.
        var (output, folder) = await MakeAsync("build-ThumbnailFunction");

        Assert.DoesNotMatch(@"warning (IL|AOT)\d+", output);
        var bootstrap = Path.Combine(folder, "bootstrap");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute), output);
        // NetVips P/Invokes libvips, which provided.al2023 does not have: it ships next to the bootstrap, and nothing else does.
        Assert.Equal(["bootstrap", "libvips.so.42"], Files(folder));
        Assert.All(Files(folder), f => Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(Path.Combine(folder, f))[..4]));
        Assert.InRange(await ZippedSizeAsync(folder), 1, MaxFunctionZipBytes);
        foreach (var binary in Files(folder))
        {
            var (passed, verdict) = await CheckGlibcAsync(Path.Combine(folder, binary), "2.34");
            Assert.True(passed, verdict);
        }

        // SAM runs one `make` per function; a second make of the same target (a test, a benchmark) reuses the publish.
        var (again, againFolder) = await MakeAsync("build-ThumbnailFunction");
        Assert.DoesNotContain(" publish src/", again, StringComparison.Ordinal);
        Assert.Equal(Files(folder), Files(againFolder));
    }

    private static List<string> Files(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)];

    private static async Task<(bool Passed, string Verdict)> CheckGlibcAsync(string binary, string max)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline", "check-glibc.sh"), binary, max])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, output);
    }

    private static async Task<(string Output, string Folder)> MakeAsync(string target, bool dryRun = false)
    {
        var folder = Directory.CreateTempSubdirectory($"todoapp-{target}-").FullName;
        var start = new ProcessStartInfo("make", dryRun ? ["-n", "-B", target, $"ARTIFACTS_DIR={folder}"] : [target, $"ARTIFACTS_DIR={folder}"])
        {
            WorkingDirectory = SamTemplate.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"make {target} failed:\n{output}");
        return (output, folder);
    }

    /// <summary>
    /// The size of the zip `sam deploy` uploads. SAM packages a folder with Python's zipfile (ZIP_DEFLATED,
    /// zlib's default level 6); Info-ZIP's `zip -6` deflates the same way (14.87 against Python's 14.85 MiB
    /// for the thumbnail package). .NET's ZipFile, on zlib-ng, came out 15.37 MiB for that same folder,
    /// which would misjudge a budget by half a MiB.
    /// </summary>
    private static async Task<long> ZippedSizeAsync(string folder)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        try
        {
            var start = new ProcessStartInfo("zip", ["-q", "-r", "-X", "-6", zip, "."]) { WorkingDirectory = folder, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"zip failed: {errors}");
            return new FileInfo(zip).Length;
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
