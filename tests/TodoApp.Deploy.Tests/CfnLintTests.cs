using System.Diagnostics;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// cfn-lint (on this project's machine image) applies the SAM transform and then checks every
/// resource against the CloudFormation resource specification: property names and types, required
/// properties, valid enum values, intrinsic functions and references, IAM policy document shape.
/// Errors fail; warnings are reported in the test output.
/// </summary>
public sealed class CfnLintTests
{
    [Fact]
    public async Task TheTemplateHasNoCfnLintErrors()
    {
        var start = new ProcessStartInfo("cfn-lint", ["--format", "parseable", "--", "template.yaml"])
        {
            WorkingDirectory = SamTemplate.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Parseable lines: file:line:col:line:col:RULE:message; E rules are errors.
        var errorLines = output.Split('\n').Where(l => l.Split(':').Length > 5 && l.Split(':')[5].StartsWith('E')).ToArray();
        Assert.True(errorLines.Length == 0, string.Join('\n', errorLines) + errors);
        Assert.True(process.ExitCode is 0 or 4 or 8 or 12, $"cfn-lint exited {process.ExitCode}: {errors}");
    }
}
