using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Attachments;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// Walks <c>uploads/</c> in key order, a page at a time, and deletes objects nothing can ever use: no
/// attachment record (a delete whose object removal failed, an upload after its attachment was deleted,
/// a key this app does not build), or a record whose todo is gone. An object has no record only after
/// its record was deleted (the API writes the record before it presigns), yet every object gets
/// <see cref="Grace"/> from its LastModified before it is even looked up. The walk resumes where the
/// previous run stopped (see <see cref="CleanupLedger"/>), so a bucket too large for one run is covered over several.
/// </summary>
public sealed partial class OrphanUploadCleanup(IAmazonS3 s3, string bucket, AttachmentStore store, CleanupLedger ledger, UploadCheck check, ILogger logger)
{
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);
    private const int PageSize = 100;

    public async Task RunAsync(CleanupRun run, DateTimeOffset now, CancellationToken ct)
    {
        if (run.OutOfTime())
        {
            return;
        }
        var resumedFrom = await ledger.ReadCursorAsync(ct);
        var done = resumedFrom;
        while (true)
        {
            if (run.OutOfTime())
            {
                await StopAsync(run, resumedFrom, done, now, ct);
                return;
            }
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = AttachmentKeys.UploadsPrefix,
                StartAfter = done,
                MaxKeys = PageSize,
            }, ct);
            var objects = (page.S3Objects ?? []).Select(o => new Listed(o.Key, LastModified(o))).ToList();
            var owners = await LookUpAsync(objects.Where(o => IsPastGrace(o, now)), ct);
            foreach (var listed in objects)
            {
                if (run.OutOfTime())
                {
                    await StopAsync(run, resumedFrom, done, now, ct);
                    return;
                }
                if (IsPastGrace(listed, now))
                {
                    await CheckAsync(run, listed, owners, now, ct);
                }
                done = listed.Key;
            }
            if (page.IsTruncated != true || objects.Count == 0)
            {
                // The end of the bucket: the next run starts again from the beginning.
                if (!run.DryRun && resumedFrom is not null)
                {
                    await ledger.ClearCursorAsync(ct);
                }
                return;
            }
        }
    }

    private async Task CheckAsync(CleanupRun run, Listed listed, IReadOnlyDictionary<AttachmentRef, UploadOwnership> owners, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await check.HandleAsync(run, listed.Key, listed.LastModified!.Value, owners, now, ct);
        }
        catch (AmazonS3Exception e) when (!ct.IsCancellationRequested)
        {
            // One object S3 will not delete must not stop the walk at the same key run after run; the next pass retries it.
            LogNotDeleted(logger, e, listed.Key);
        }
    }

    private async Task<IReadOnlyDictionary<AttachmentRef, UploadOwnership>> LookUpAsync(IEnumerable<Listed> objects, CancellationToken ct)
    {
        var refs = new List<AttachmentRef>();
        foreach (var listed in objects)
        {
            if (AttachmentKeys.TryParseUploadKey(listed.Key, out var at))
            {
                refs.Add(at);
            }
        }
        return refs.Count == 0 ? new Dictionary<AttachmentRef, UploadOwnership>() : await store.GetOwnershipAsync(refs, ct);
    }

    /// <summary>Out of time: remember the last key finished, unless this is a dry run (which changes nothing).</summary>
    private async Task StopAsync(CleanupRun run, string? resumedFrom, string? done, DateTimeOffset now, CancellationToken ct)
    {
        if (!run.DryRun && done is not null && done != resumedFrom)
        {
            await ledger.SaveCursorAsync(done, now, ct);
        }
    }

    private static bool IsPastGrace(Listed listed, DateTimeOffset now) => listed.LastModified is { } modified && now - modified > Grace;

    private static DateTimeOffset? LastModified(S3Object o) => o.LastModified is { } value
        ? new DateTimeOffset(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime())
        : null;

    private sealed record Listed(string Key, DateTimeOffset? LastModified);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete upload {Key}; the next walk retries it")]
    private static partial void LogNotDeleted(ILogger logger, Exception exception, string key);
}
