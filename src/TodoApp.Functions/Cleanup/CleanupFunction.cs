using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using TodoApp.Core.Attachments;
using TodoApp.Core.Data;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Aws;
using TodoApp.Core.Observability;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// The daily cleanup (EventBridge Scheduler → Lambda). Each part is idempotent and safe when two runs
/// overlap; the run stops cleanly before the function timeout and the next run continues.
/// Handler: <c>TodoApp.Functions::TodoApp.Functions.Cleanup.CleanupFunction::HandleAsync</c>.
/// </summary>
public sealed partial class CleanupFunction
{
    private readonly CleanupOptions _options;
    private readonly TimeProvider _clock;
    private readonly Metrics _metrics;
    private readonly ILogger _logger;
    private readonly CompletedTodoCleanup _completedTodos;
    private readonly StalePendingAttachmentCleanup _stalePending;
    private readonly OrphanUploadCleanup _orphanUploads;
    private readonly StuckOrderCleanup _stuckOrders;

    public CleanupFunction() : this(new FunctionHost("cleanup"), TimeProvider.System, null)
    {
    }

    public CleanupFunction(FunctionHost host, TimeProvider clock, Metrics? metrics, IAmazonDynamoDB? dynamo = null, IAmazonSQS? sqs = null, IAmazonS3? s3 = null)
    {
        _clock = clock;
        _metrics = metrics ?? new Metrics(host.Service);
        _logger = host.LoggerFactory.CreateLogger<CleanupFunction>();
        _options = new CleanupOptions
        {
            Retention = TimeSpan.FromDays(double.Parse(host.Configuration["Cleanup:RetentionDays"] ?? "30", CultureInfo.InvariantCulture)),
            Timeout = TimeSpan.FromSeconds(double.Parse(host.Configuration["Cleanup:TimeoutSeconds"] ?? "300", CultureInfo.InvariantCulture)),
        };
        var table = host.Required("Table:Name");
        var bucket = host.Required("Media:BucketName");
        dynamo ??= AwsClients.DynamoDb(host.Aws);
        s3 ??= AwsClients.S3(host.Aws);
        var tableOptions = Options.Create(new TableOptions { Name = table });
        var attachments = new AttachmentStore(dynamo, tableOptions, Options.Create(new AttachmentOptions()), clock);
        var media = new AttachmentMedia(s3, Options.Create(new MediaOptions { BucketName = bucket }), Options.Create(host.Aws), clock);
        _completedTodos = new CompletedTodoCleanup(dynamo, table, new TodoStore(dynamo, tableOptions, clock), attachments, media);
        _stalePending = new StalePendingAttachmentCleanup(attachments, media, _logger);
        var ledger = new CleanupLedger(dynamo, table);
        _orphanUploads = new OrphanUploadCleanup(s3, bucket, attachments, ledger, new UploadCheck(s3, bucket, attachments, media, ledger, _logger), _logger);
        var queueUrl = host.Configuration["Orders:QueueUrl"] is { Length: > 0 } url ? url : null;
        if (queueUrl is not null)
        {
            sqs ??= AwsClients.Sqs(host.Aws);
        }
        _stuckOrders = new StuckOrderCleanup(new OrderStore(dynamo, tableOptions, clock), queueUrl is null ? null : sqs, queueUrl);
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        var request = await ReadAsync(input);
        using var scope = FunctionHost.BeginInvocation(_logger, request.Id);
        using var activity = Tracing.Source.StartActivity("Cleanup");
        var summary = await RunAsync(request.DryRun, CancellationToken.None);
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, summary, CleanupJsonContext.Default.CleanupSummary);
        output.Position = 0;
        return output;
    }

    public async Task<CleanupSummary> RunAsync(bool dryRun, CancellationToken ct)
    {
        var started = _clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var run = new CleanupRun(dryRun, started, started + _options.Budget, _clock);
        // Bounded work that users notice first; the bucket walk, which may take several runs, last.
        await _completedTodos.RunAsync(run, started - _options.Retention, ct);
        await _stalePending.RunAsync(run, started, ct);
        await _stuckOrders.RunAsync(run, started, ct);
        await _orphanUploads.RunAsync(run, started, ct);

        var summary = new CleanupSummary(dryRun, run.CompletedTodosDeleted, run.AttachmentObjectsDeleted, run.OrphanUploadsDeleted,
            run.StalePendingAttachmentsFailed, run.StuckOrdersResent, run.StuckOrdersFailed, run.StoppedEarly, watch.ElapsedMilliseconds);
        LogSummary(_logger, dryRun, summary.CompletedTodosDeleted, summary.AttachmentObjectsDeleted, summary.OrphanUploadsDeleted,
            summary.StalePendingAttachmentsFailed, summary.StuckOrdersResent, summary.StuckOrdersFailed, summary.StoppedEarly, summary.ElapsedMs);
        if (!dryRun)
        {
            EmitMetrics(summary);
        }
        return summary;
    }

    private void EmitMetrics(CleanupSummary summary)
    {
        _metrics.Count("CleanupCompletedTodosDeleted", summary.CompletedTodosDeleted);
        _metrics.Count("CleanupAttachmentObjectsDeleted", summary.AttachmentObjectsDeleted);
        _metrics.Count("CleanupOrphanUploadsDeleted", summary.OrphanUploadsDeleted);
        _metrics.Count("CleanupStalePendingAttachmentsFailed", summary.StalePendingAttachmentsFailed);
        _metrics.Count("CleanupStuckOrdersResent", summary.StuckOrdersResent);
        _metrics.Count("CleanupStuckOrdersFailed", summary.StuckOrdersFailed);
        // The orders' own failure metric, so "orders failed" is one series whoever failed them.
        _metrics.Count("OrdersFailed", summary.StuckOrdersFailed);
    }

    private static async Task<CleanupEvent> ReadAsync(Stream input)
    {
        // A malformed input must not make the scheduler retry forever; it runs in the safe mode.
        var dryRun = new CleanupEvent(DryRun: true);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        // The parser does not look inside members it skips, so '{"x":"<invalid UTF-8>"}' would read as '{}': a real run.
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return dryRun;
        }
        try
        {
            // JSON null is no instruction either.
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), CleanupJsonContext.Default.CleanupEvent) ?? dryRun;
        }
        catch (JsonException)
        {
            return dryRun;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup finished (dry run: {DryRun}): {CompletedTodosDeleted} completed todos, {AttachmentObjectsDeleted} attachment objects, {OrphanUploadsDeleted} orphan uploads, {StalePendingAttachmentsFailed} stale attachments failed, {StuckOrdersResent} orders re-sent, {StuckOrdersFailed} orders failed; stopped early: {StoppedEarly}; {ElapsedMs} ms")]
    private static partial void LogSummary(ILogger logger, bool dryRun, int completedTodosDeleted, int attachmentObjectsDeleted, int orphanUploadsDeleted,
        int stalePendingAttachmentsFailed, int stuckOrdersResent, int stuckOrdersFailed, bool stoppedEarly, long elapsedMs);
}
