using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// Whether cfn-lint is on PATH. Its tests are skipped without it, with one reason that says how to get
/// it, rather than failing on a machine that merely lacks the tool (.ci/run and the pipeline install it).
/// </summary>
public static class CfnLint
{
    public const string MissingReason = "cfn-lint is not installed (pipx install cfn-lint): skipped";

    public static readonly bool IsInstalled = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, "cfn-lint")));

    /// <summary>Runs a script with cfn-lint's own Python (its modules: the SAM transform, the schemas).</summary>
    public static async Task<string> RunPythonAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SamTemplate.RepoRoot, "infra", "pipeline", "permissions", "python-of-cfn-lint.sh"), .. arguments])
        {
            WorkingDirectory = SamTemplate.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', arguments)} failed: {await errors}");
        return await output;
    }
}

/// <summary>A fact that needs cfn-lint: skipped, with <see cref="CfnLint.MissingReason"/>, where it is missing.</summary>
public sealed class CfnLintFactAttribute : FactAttribute
{
    public CfnLintFactAttribute([CallerMemberName] string test = "")
    {
        if (!CfnLint.IsInstalled)
        {
            Skip = CfnLint.MissingReason;
            // dotnet test prints a skipped test's name, not its reason, at its default verbosity.
            DisplayName = $"{test}: {CfnLint.MissingReason}";
        }
    }
}

/// <summary>A theory that needs cfn-lint: skipped, with <see cref="CfnLint.MissingReason"/>, where it is missing.</summary>
public sealed class CfnLintTheoryAttribute : TheoryAttribute
{
    public CfnLintTheoryAttribute([CallerMemberName] string test = "")
    {
        if (!CfnLint.IsInstalled)
        {
            Skip = CfnLint.MissingReason;
            // dotnet test prints a skipped test's name, not its reason, at its default verbosity.
            DisplayName = $"{test}: {CfnLint.MissingReason}";
        }
    }
}
