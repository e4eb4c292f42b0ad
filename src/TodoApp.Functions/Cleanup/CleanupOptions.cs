namespace TodoApp.Functions.Cleanup;

public sealed record CleanupOptions
{
    /// <summary>Completed todos older than this are deleted with their attachments.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The function's timeout, passed in by the template; the job stops before it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time kept back from the timeout to finish the current item and log the summary.</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Budget => Timeout > SafetyMargin * 2 ? Timeout - SafetyMargin : Timeout / 2;
}
