using System.Diagnostics;
using System.IO.Compression;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// Runs the Makefile targets `sam build` runs, into temp folders, and checks what Lambda would get.
/// Every function's target is resolved (dry run); the two real publishes (the API's AOT binary, the
/// functions' shared package) are built once each. The API target is the Native AOT publish, so this is
/// also where "zero trim/AOT warnings" is enforced.
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
        Assert.InRange(ZippedSize(folder), 1, MaxApiZipBytes);

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
        var project = function.IsDotnet ? function.GetScalar("Handler")!.Split("::")[0] : "TodoApp.Api";
        Assert.Contains($"publish src/{project} ", output, StringComparison.Ordinal);
        Assert.Contains(function.IsDotnet ? "--self-contained false" : "-p:PublishAot=true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionTargetsBuildTheHandlerAssemblyAndLibvipsForTheManagedRuntime()
    {
        // One publish serves every event function (they share the project); the thumbnail target is the
        // one that needs the natives, so it is the one run.
        var (output, folder) = await MakeAsync("build-ThumbnailFunction");

        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Functions.dll")), output);
        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Functions.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Functions.deps.json")));
        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Core.dll")));
        Assert.True(File.Exists(Path.Combine(folder, "NetVips.dll")));
        // NetVips P/Invokes libvips; the managed runtime has no libvips, so it must ship in the package.
        var natives = Directory.GetFiles(folder, "libvips*.so*", SearchOption.AllDirectories);
        Assert.True(natives.Length > 0, $"no libvips*.so* in {folder}: {string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName))}");
        Assert.All(natives, n => Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(n)[..4]));
        Assert.InRange(ZippedSize(folder), 1, MaxFunctionZipBytes);

        // SAM runs one `make` per function and never shares makefile builds: the other event functions'
        // targets must reuse this publish, not run their own.
        foreach (var other in new[] { "build-OrderProcessorFunction", "build-CleanupFunction", "build-GitHubToSlackFunction" })
        {
            var (otherOutput, otherFolder) = await MakeAsync(other);
            Assert.DoesNotContain("dotnet publish", otherOutput, StringComparison.Ordinal);
            Assert.DoesNotContain(" publish src/", otherOutput, StringComparison.Ordinal);
            Assert.Equal(Files(folder), Files(otherFolder));
        }
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

    private static long ZippedSize(string folder)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        try
        {
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            return new FileInfo(zip).Length;
        }
        finally
        {
            File.Delete(zip);
        }
    }
}
