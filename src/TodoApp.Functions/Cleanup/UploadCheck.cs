using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Attachments;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// What the bucket walk does with one object past its grace period, given what the table says about it.
/// Every delete is safe to repeat, and every count hangs on a conditional write, so overlapping runs
/// count each object once.
/// </summary>
public sealed partial class UploadCheck(IAmazonS3 s3, string bucket, AttachmentStore store, AttachmentMedia media, CleanupLedger ledger, ILogger logger)
{
    public async Task HandleAsync(CleanupRun run, string key, DateTimeOffset lastModified, IReadOnlyDictionary<AttachmentRef, UploadOwnership> owners,
        DateTimeOffset now, CancellationToken ct)
    {
        var parsed = AttachmentKeys.TryParseUploadKey(key, out var at);
        var owner = parsed ? owners[at] : default;
        if (!owner.RecordExists)
        {
            // No record holds a condition here, so a claim decides which overlapping run deletes and counts it.
            if (run.DryRun || await ledger.TryClaimAsync(key, lastModified, now, ct))
            {
                if (!run.DryRun)
                {
                    await DeleteWithoutRecordAsync(key, parsed ? at : null, ct);
                }
                run.OrphanUploadsDeleted++;
            }
            return;
        }
        if (!owner.TodoExists)
        {
            // A record whose todo is gone (a cleanup interrupted between the todo and its attachments):
            // files first, then the record, whose conditional delete decides who counts it.
            if (run.DryRun)
            {
                run.OrphanUploadsDeleted++;
                return;
            }
            await media.DeleteAsync(at, ct);
            if (await store.DeleteAsync(at, ct) is not null)
            {
                LogDeleted(logger, key, "attachment of a deleted todo");
                run.OrphanUploadsDeleted++;
            }
        }
        else if (owner.Status == AttachmentStatus.Failed && !run.DryRun)
        {
            // A FAILED attachment never keeps its original; its failure was counted when it failed.
            await media.DeleteAsync(at, ct);
            LogDeleted(logger, key, "original of a FAILED attachment");
        }
    }

    private async Task DeleteWithoutRecordAsync(string key, AttachmentRef? at, CancellationToken ct)
    {
        if (at is { } known)
        {
            await media.DeleteAsync(known, ct);
        }
        else
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct);
        }
        LogDeleted(logger, key, "no attachment record");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted upload {Key}: {Why}")]
    private static partial void LogDeleted(ILogger logger, string key, string why);
}
