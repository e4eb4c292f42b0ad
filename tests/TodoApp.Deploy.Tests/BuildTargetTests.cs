using System.Diagnostics;
using System.IO.Compression;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// Runs the Makefile targets `sam build` runs, into temp folders, and checks what Lambda would get.
/// The API target is the Native AOT publish, so this is also where "zero trim/AOT warnings" is enforced.
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

    [Fact]
    public async Task FunctionTargetsBuildTheHandlerAssemblyForTheManagedRuntime()
    {
        var (output, folder) = await MakeAsync("build-OrderProcessorFunction");

        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Functions.dll")), output);
        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Functions.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Functions.deps.json")));
        Assert.True(File.Exists(Path.Combine(folder, "TodoApp.Core.dll")));
        Assert.InRange(ZippedSize(folder), 1, MaxFunctionZipBytes);
    }

    private static async Task<(string Output, string Folder)> MakeAsync(string target)
    {
        var folder = Directory.CreateTempSubdirectory($"todoapp-{target}-").FullName;
        var start = new ProcessStartInfo("make", [target, $"ARTIFACTS_DIR={folder}"])
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
