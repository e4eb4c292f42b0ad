using Microsoft.Extensions.Options;
using TodoApp.Core.Settings;

namespace TodoApp.Functions.Cleanup;

/// <summary>Bound from the <c>Cleanup</c> section (CLEANUP__RETENTIONDAYS, CLEANUP__TIMEOUTSECONDS on Lambda).</summary>
public sealed class CleanupOptions
{
    public const string Section = "Cleanup";

    /// <summary>Time kept back from the timeout to finish the current item and log the summary.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(20);

    /// <summary>Completed todos older than this many days are deleted with their attachments.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>The function's timeout, passed in by the template; the job stops before it.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    public TimeSpan Budget => TimeSpan.FromSeconds(TimeoutSeconds) is var timeout && timeout > SafetyMargin * 2 ? timeout - SafetyMargin : timeout / 2;
}

/// <summary>By hand, so each message names its setting (see <see cref="SettingRanges"/>).</summary>
public sealed class CleanupOptionsValidator : IValidateOptions<CleanupOptions>
{
    public ValidateOptionsResult Validate(string? name, CleanupOptions options) => new SettingRanges()
        .Check(options.RetentionDays, 1, 3650, "Cleanup:RetentionDays must be a whole number of days from 1 to 3650 (environment variable CLEANUP__RETENTIONDAYS).")
        .Check(options.TimeoutSeconds, 1, 900, "Cleanup:TimeoutSeconds must be the function's timeout, 1 to 900 seconds (environment variable CLEANUP__TIMEOUTSECONDS).")
        .Result;
}
