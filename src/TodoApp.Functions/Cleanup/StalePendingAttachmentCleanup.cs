using Amazon.S3;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Attachments;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// Attachments still PENDING a day after they were created: the upload never arrived (a presigned PUT
/// lives 5 minutes) or its thumbnail event was lost. Found through the sparse PENDING index, whether or
/// not an object exists. The FAILED transition is conditional on the status still being PENDING, so only
/// the run (or thumbnail function) that wins it acts, and only that run counts it; the original is then
/// deleted. If that delete never happens, the bucket walk removes the original of a FAILED attachment.
/// </summary>
public sealed partial class StalePendingAttachmentCleanup(AttachmentStore store, AttachmentMedia media, ILogger logger)
{
    public static readonly TimeSpan FailAfter = TimeSpan.FromHours(24);
    public const string FailureReason = "The upload was not completed and processed within 24 hours. Please attach the file again.";
    private const int PageSize = 100;

    public async Task RunAsync(CleanupRun run, DateTimeOffset now, CancellationToken ct)
    {
        if (run.OutOfTime())
        {
            return;
        }
        await foreach (var (at, _) in store.ListPendingAsync(now - FailAfter, PageSize, ct))
        {
            if (run.OutOfTime())
            {
                return;
            }
            if (run.DryRun)
            {
                run.StalePendingAttachmentsFailed++;
                continue;
            }
            if (await store.MarkFailedAsync(at, FailureReason, ct))
            {
                run.StalePendingAttachmentsFailed++;
                try
                {
                    await media.DeleteAsync(at, ct);
                }
                catch (AmazonS3Exception e) when (!ct.IsCancellationRequested)
                {
                    LogNotDeleted(logger, e, at.UploadKey);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {Key} of a FAILED attachment; the bucket walk removes it later")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string key);
}
