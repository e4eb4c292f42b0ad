namespace TodoApp.Functions.Cleanup;

/// <summary>One invocation's state: the deadline, dry-run mode and the counts for the summary.</summary>
public sealed class CleanupRun(bool dryRun, DateTimeOffset startedAt, DateTimeOffset deadline, TimeProvider clock)
{
    public bool DryRun { get; } = dryRun;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public bool StoppedEarly { get; private set; }

    public int CompletedTodosDeleted { get; set; }
    public int AttachmentObjectsDeleted { get; set; }
    public int OrphanUploadsDeleted { get; set; }
    public int StalePendingAttachmentsFailed { get; set; }
    public int StuckOrdersResent { get; set; }
    public int StuckOrdersFailed { get; set; }

    /// <summary>Checked before each unit of work; once out of time the run stops and stays stopped.</summary>
    public bool OutOfTime()
    {
        if (!StoppedEarly && clock.GetUtcNow() >= deadline)
        {
            StoppedEarly = true;
        }
        return StoppedEarly;
    }
}
