using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2;
using System.Diagnostics;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TodoApp.Core.Attachments;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;

namespace TodoApp.Functions.Thumbnails;

/// <summary>What one invocation did; Lambda ignores it for S3 events, tests and the local host read it.</summary>
public sealed record ThumbnailSummary(int Ready, int Failed, int Skipped);

/// <summary>
/// Handler <c>TodoApp.Functions::TodoApp.Functions.Thumbnails.ThumbnailFunction::HandleAsync</c>, invoked
/// asynchronously by S3 for objects created under <c>uploads/</c>. Built once per execution environment.
/// </summary>
public sealed partial class ThumbnailFunction : IDisposable
{
    private readonly FunctionHost _host;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly IAmazonS3 _s3;
    private readonly ThumbnailJob _job;
    private readonly ILogger _logger;

    public ThumbnailFunction() : this(new FunctionHost("thumbnails"))
    {
    }

    /// <summary>Tests and the local host pass their own configuration, and tests a metrics writer to read.</summary>
    public ThumbnailFunction(FunctionHost host, Metrics? metrics = null)
    {
        _host = host;
        _logger = host.LoggerFactory.CreateLogger<ThumbnailFunction>();
        _dynamo = AwsClients.DynamoDb(host.Aws);
        _s3 = AwsClients.S3(host.Aws);
        var limits = new AttachmentOptions();
        if (host.Configuration["Attachments:MaxBytes"] is { Length: > 0 } maxBytes)
        {
            limits.MaxBytes = long.Parse(maxBytes, System.Globalization.CultureInfo.InvariantCulture);
        }
        var store = new AttachmentStore(_dynamo, Options.Create(new TableOptions { Name = host.Required("Table:Name") }), Options.Create(limits), TimeProvider.System);
        _job = new ThumbnailJob(store, _s3, host.Required("Media:BucketName"), limits.MaxBytes, _logger, metrics ?? new Metrics(host.Service));
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        var s3Event = await JsonSerializer.DeserializeAsync(input, S3EventJsonContext.Default.S3Event)
            ?? throw new InvalidDataException("The event is empty.");
        using var invocation = Tracing.StartInvocation("Thumbnails", ActivityKind.Consumer);
        int ready = 0, failed = 0, skipped = 0;
        List<Exception>? errors = null;
        foreach (var record in s3Event.Records ?? [])
        {
            var key = record.S3.Object.DecodedKey;
            var requestId = record.ResponseElements?.RequestId;
            // Until the attachment is read (and its own correlation id with it), the upload's S3
            // request id stands in: unique per upload, and free of user ids unlike the key.
            using var scope = FunctionHost.BeginInvocation(_logger, requestId, requestId ?? record.S3.Object.Sequencer);
            using var span = Tracing.Source.StartActivity("Thumbnail", ActivityKind.Consumer);
            if (!AttachmentKeys.TryParseUploadKey(key, out var at))
            {
                LogIgnored(_logger, key);
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
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, new ThumbnailSummary(ready, failed, skipped), ThumbnailJsonContext.Default.ThumbnailSummary);
        output.Position = 0;
        return output;
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        _s3.Dispose();
        _host.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored object {Key}: not an upload key this app builds")]
    private static partial void LogIgnored(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not process {Key}")]
    private static partial void LogRecordError(ILogger logger, Exception exception, string key);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ThumbnailSummary))]
internal sealed partial class ThumbnailJsonContext : JsonSerializerContext;
