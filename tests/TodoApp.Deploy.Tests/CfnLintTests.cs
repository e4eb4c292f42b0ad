using System.Diagnostics;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// cfn-lint (on this project's machine image) applies the SAM transform and then checks every
/// resource against the CloudFormation resource specification: property names and types, required
/// properties, valid enum values, intrinsic functions and references, IAM policy document shape.
/// Errors fail; warnings are reported in the test output. It also knows every IAM action name, which
/// matters most for the pipeline roles, whose actions are listed one by one.
/// </summary>
public sealed class CfnLintTests
{
    [CfnLintTheory]
    [InlineData("template.yaml")]
    [InlineData("template.local.yaml")]
    [InlineData("infra/pipeline/pipeline-roles.yaml")]
    public async Task TheTemplateHasNoCfnLintErrors(string template)
    {
        var start = new ProcessStartInfo("cfn-lint", ["--format", "parseable", "--", template])
        {
            WorkingDirectory = SamTemplate.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Parseable lines: file:line:col:line:col:RULE:message; E rules are errors, and so is W3037 (an
        // IAM action that does not exist), which would otherwise pass as a warning and fail at deploy.
        var errorLines = output.Split('\n').Where(l => l.Split(':').Length > 5 && (l.Split(':')[5].StartsWith('E') || l.Split(':')[5] == "W3037")).ToArray();
        Assert.True(errorLines.Length == 0, string.Join('\n', errorLines) + errors);
        Assert.True(process.ExitCode is 0 or 4 or 8 or 12, $"cfn-lint exited {process.ExitCode}: {errors}");
    }
}
