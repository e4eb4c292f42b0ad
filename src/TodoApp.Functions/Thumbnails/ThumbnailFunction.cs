using System.Text.Json;
using System.Text.Json.Serialization;
using System.Diagnostics;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Attachments;
using TodoApp.Core.Observability;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;
using TodoApp.Core.Settings;

namespace TodoApp.Functions.Thumbnails;

/// <summary>What one invocation did; Lambda ignores it for S3 events, tests and the local host read it.</summary>
public sealed record ThumbnailSummary(int Ready, int Failed, int Skipped);

/// <summary>
/// ThumbnailFunction, invoked asynchronously by S3 for objects created under <c>uploads/</c>. Built once
/// per execution environment (by the function host, see src/TodoApp.Functions.Host).
/// </summary>
public sealed partial class ThumbnailFunction : IDisposable
{
    private readonly FunctionHost _host;
    private readonly ThumbnailJob _job;
    private readonly string _bucket;
    private readonly ILogger _logger;

    public ThumbnailFunction(FunctionHost host)
    {
        _host = host;
        var services = host.Start(static services =>
        {
            services.AddSettings(MediaOptions.Section, section => section.Get<MediaOptions>(), new MediaOptionsValidator());
            services.AddSettings(AttachmentOptions.Section, section => section.Get<AttachmentOptions>(), new AttachmentOptionsValidator());
            services.AddDynamoDb().AddS3();
            services.AddSingleton<AttachmentStore>();
        });
        _logger = services.GetRequiredService<ILogger<ThumbnailFunction>>();
        _bucket = services.GetRequiredService<MediaOptions>().BucketName;
        _job = new ThumbnailJob(services.GetRequiredService<AttachmentStore>(), services.GetRequiredService<IAmazonS3>(), _bucket,
            services.GetRequiredService<AttachmentOptions>().MaxBytes, _logger, services.GetRequiredService<Metrics>());
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        using var invocation = Tracing.StartInvocation("Thumbnails", ActivityKind.Consumer);
        int ready = 0, failed = 0, skipped = 0;
        List<Exception>? errors = null;
        var records = await EventRecords.ReadAsync(input);
        if (records is null)
        {
            // S3 never sends this; a retry could not make it readable, so the invocation ends without one.
            LogUnreadableEvent(_logger);
        }
        foreach (var element in records ?? [])
        {
            var record = EventRecords.As(element, S3EventJsonContext.Default.S3EventRecord);
            if (record?.S3?.Object?.Key is null || record.S3.Bucket?.Name != _bucket)
            {
                LogIgnoredRecord(_logger, Shorten(record?.S3?.Bucket?.Name), Shorten(record?.S3?.Object?.Key));
                skipped++;
                continue;
            }
            var key = record.S3.Object.DecodedKey;
            var requestId = record.ResponseElements?.RequestId;
            // Until the attachment is read (and its own correlation id with it), the upload's S3
            // request id stands in: unique per upload, and free of user ids unlike the key.
            using var scope = FunctionHost.BeginInvocation(_logger, requestId, requestId ?? record.S3.Object.Sequencer);
            using var span = Tracing.Source.StartActivity("Thumbnail", ActivityKind.Consumer);
            if (!AttachmentKeys.TryParseUploadKey(key, out var at))
            {
                LogIgnored(_logger, Shorten(key));
                skipped++;
                continue;
            }
            try
            {
                span?.SetTag("attachment.id", at.AttachmentId);
                var outcome = await _job.RunAsync(at, CancellationToken.None);
                span?.SetTag("thumbnail.outcome", outcome.ToString());
                ready += outcome == ThumbnailOutcome.Ready ? 1 : 0;
                failed += outcome == ThumbnailOutcome.Failed ? 1 : 0;
                skipped += outcome == ThumbnailOutcome.Skipped ? 1 : 0;
            }
            catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or IOException or TimeoutException)
            {
                // One record's outage must not starve the others; the invocation still fails so Lambda retries it.
                LogRecordError(_logger, e, key);
                span?.AddException(e).SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                (errors ??= []).Add(e);
            }
        }
        if (errors is not null)
        {
            throw new AggregateException("Some records could not be processed; the event is safe to retry.", errors);
        }
        return await FunctionResult.WriteAsync(new ThumbnailSummary(ready, failed, skipped), ThumbnailJsonContext.Default.ThumbnailSummary);
    }

    /// <summary>Keys of the app's own uploads are short; a hostile one is cut before it reaches a log line.</summary>
    private static string Shorten(string? value) => value is null ? "(none)" : value.Length <= 300 ? value : value[..300] + "…";

    public void Dispose() => _host.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The input is not an S3 event notification; nothing to do")]
    private static partial void LogUnreadableEvent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a record for bucket {Bucket}, key {Key}: not an object of the media bucket")]
    private static partial void LogIgnoredRecord(ILogger logger, string bucket, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored object {Key}: not an upload key this app builds")]
    private static partial void LogIgnored(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not process {Key}")]
    private static partial void LogRecordError(ILogger logger, Exception exception, string key);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ThumbnailSummary))]
internal sealed partial class ThumbnailJsonContext : JsonSerializerContext;
