using System.Diagnostics;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Attachments;
using TodoApp.Core.Observability;
using Metrics = TodoApp.Core.Observability.Metrics;

namespace TodoApp.Functions.Thumbnails;

public enum ThumbnailOutcome
{
    Ready,
    Failed,
    Skipped,
}

/// <summary>
/// One uploaded object to one attachment outcome. Every step is safe to repeat: the thumbnail key is
/// fixed, and the status moves only from PENDING, so a redelivered event changes nothing. Metrics
/// are counted on that one move, so a redelivery never counts an upload twice.
/// </summary>
public sealed partial class ThumbnailJob(AttachmentStore store, IAmazonS3 s3, string bucket, long maxBytes, ILogger logger, Metrics metrics)
{
    public async Task<ThumbnailOutcome> RunAsync(AttachmentRef at, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var attachment = await store.GetAsync(at, ct);
        // From here on the lines carry the id of the API request that created the attachment.
        using var correlation = attachment?.CorrelationId is { } correlationId
            ? logger.BeginScope(new List<KeyValuePair<string, object?>> { new(LogScope.CorrelationId, correlationId) })
            : null;
        if (attachment is null || attachment.Status != AttachmentStatus.Pending)
        {
            LogSkipped(logger, at.AttachmentId, attachment is null ? "MISSING" : AttachmentItem.StatusName(attachment.Status));
            if (attachment?.Status == AttachmentStatus.Failed)
            {
                // A FAILED attachment never keeps its original: finishes a delete that an earlier attempt did not get to.
                await DeleteAsync(at.UploadKey, ct);
            }
            return ThumbnailOutcome.Skipped;
        }
        var bytes = await ReadAsync(at.UploadKey, ct);
        if (bytes is null)
        {
            LogSkipped(logger, at.AttachmentId, "OBJECT_MISSING");
            return ThumbnailOutcome.Skipped;
        }
        var result = bytes.Length > maxBytes
            ? ThumbnailResult.Refused($"The file is {bytes.Length} bytes; at most {maxBytes} bytes are accepted.")
            : ThumbnailMaker.Make(bytes, attachment.ContentType);
        if (result.FailureReason is { } reason)
        {
            if (await store.MarkFailedAsync(at, reason, ct))
            {
                LogFailed(logger, at.AttachmentId, reason);
                Count(attachment, "ThumbnailsFailed", watch.Elapsed);
            }
            await DeleteAsync(at.UploadKey, ct);
            return ThumbnailOutcome.Failed;
        }
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = at.ThumbnailKey,
            InputStream = new MemoryStream(result.Webp!),
            ContentType = "image/webp",
        }, ct);
        if (await store.MarkReadyAsync(at, result.Width, result.Height, ct))
        {
            LogReady(logger, at.AttachmentId, result.Width, result.Height);
            Count(attachment, "ThumbnailsMade", watch.Elapsed);
            return ThumbnailOutcome.Ready;
        }
        if (await store.GetAsync(at, ct) is null)
        {
            // The user deleted the attachment while we worked: do not leave our thumbnail behind.
            await DeleteAsync(at.ThumbnailKey, ct);
        }
        return ThumbnailOutcome.Skipped;
    }

    /// <summary>An upload that landed and was judged: counted once, whatever the verdict, with the time it took.</summary>
    private void Count(Attachment attachment, string outcome, TimeSpan elapsed)
    {
        KeyValuePair<string, string>[] fields = [new("contentType", attachment.ContentType)];
        metrics.Emit("AttachmentsUploaded", 1, MetricUnit.Count, fields);
        metrics.Emit(outcome, 1, MetricUnit.Count, fields);
        metrics.Emit("ThumbnailDuration", elapsed.TotalMilliseconds, MetricUnit.Milliseconds, [.. fields, new("outcome", outcome)]);
    }

    /// <summary>Reads the object, refusing to buffer more than the limit (plus one byte, to know it was over).</summary>
    private async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, ct);
            var length = Math.Min(response.ContentLength, maxBytes + 1);
            var buffer = new byte[length];
            await response.ResponseStream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            return buffer;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task DeleteAsync(string key, CancellationToken ct) =>
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} is READY with a {Width}x{Height} thumbnail")]
    private static partial void LogReady(ILogger logger, string attachmentId, int width, int height);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} FAILED: {Reason}")]
    private static partial void LogFailed(ILogger logger, string attachmentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} skipped: {State}")]
    private static partial void LogSkipped(ILogger logger, string attachmentId, string state);
}
