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
    }

    private static async Task<(string Output, string Folder)> MakeAsync(string target, bool dryRun = false)
    {
        var folder = Directory.CreateTempSubdirectory($"todoapp-{target}-").FullName;
        var start = new ProcessStartInfo("make", dryRun ? ["-n", target, $"ARTIFACTS_DIR={folder}"] : [target, $"ARTIFACTS_DIR={folder}"])
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
