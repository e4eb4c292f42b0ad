using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TodoApp.Core.Attachments;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using TodoApp.Core.Observability;
using TodoApp.Core.Orders;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;
using TodoApp.Core.Settings;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// The daily cleanup (EventBridge Scheduler → Lambda). Each part is idempotent and safe when two runs
/// overlap; the run stops cleanly before the function timeout and the next run continues.
/// </summary>
public sealed partial class CleanupFunction : IDisposable
{
    private readonly FunctionHost _host;
    private readonly CleanupOptions _options;
    private readonly TimeProvider _clock;
    private readonly Metrics _metrics;
    private readonly ILogger _logger;
    private readonly CompletedTodoCleanup _completedTodos;
    private readonly StalePendingAttachmentCleanup _stalePending;
    private readonly OrphanUploadCleanup _orphanUploads;
    private readonly StuckOrderCleanup _stuckOrders;

    public CleanupFunction(FunctionHost host)
    {
        _host = host;
        var services = host.Start(s => AddServices(s, host.Configuration));
        _options = services.GetRequiredService<CleanupOptions>();
        _clock = services.GetRequiredService<TimeProvider>();
        _metrics = services.GetRequiredService<Metrics>();
        _logger = services.GetRequiredService<ILogger<CleanupFunction>>();
        var dynamo = services.GetRequiredService<IAmazonDynamoDB>();
        var s3 = services.GetRequiredService<IAmazonS3>();
        var table = services.GetRequiredService<TableOptions>().Name;
        var bucket = services.GetRequiredService<MediaOptions>().BucketName;
        var attachments = services.GetRequiredService<AttachmentStore>();
        var media = services.GetRequiredService<AttachmentMedia>();
        _completedTodos = new CompletedTodoCleanup(dynamo, table, new TodoStore(dynamo, services.GetRequiredService<IOptions<TableOptions>>(), _clock), attachments, media);
        _stalePending = new StalePendingAttachmentCleanup(attachments, media, _logger);
        var ledger = new CleanupLedger(dynamo, table);
        _orphanUploads = new OrphanUploadCleanup(s3, bucket, attachments, ledger, new UploadCheck(s3, bucket, attachments, media, ledger, _logger), _logger);
        _stuckOrders = new StuckOrderCleanup(services.GetRequiredService<OrderStore>(), services.GetService<OrderSender>());
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(CleanupOptions.Section, section => section.Get<CleanupOptions>(), new CleanupOptionsValidator());
        services.AddSettings(MediaOptions.Section, section => section.Get<MediaOptions>(), new MediaOptionsValidator());
        services.AddSettings(AttachmentOptions.Section, section => section.Get<AttachmentOptions>(), new AttachmentOptionsValidator());
        services.AddDynamoDb().AddS3().AddSqs();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentMedia>();
        services.AddSingleton<OrderStore>();
        // Without a queue (a table-only test or tool) stuck orders are still failed after a day, never re-sent.
        if (configuration[$"{OrdersOptions.Section}:{nameof(OrdersOptions.QueueUrl)}"] is { Length: > 0 })
        {
            services.AddSettings(OrdersOptions.Section, section => section.Get<OrdersOptions>(), new OrdersOptionsValidator());
            services.AddSingleton<OrderSender>();
        }
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        var request = await ReadAsync(input);
        using var scope = FunctionHost.BeginInvocation(_logger, request.Id);
        using var activity = Tracing.Source.StartActivity("Cleanup");
        var summary = await RunAsync(request.DryRun, CancellationToken.None);
        return await FunctionResult.WriteAsync(summary, CleanupJsonContext.Default.CleanupSummary);
    }

    public async Task<CleanupSummary> RunAsync(bool dryRun, CancellationToken ct)
    {
        var started = _clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var run = new CleanupRun(dryRun, started, StopBy(started), _clock);
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

    /// <summary>
    /// The configured budget, or Lambda's own deadline (from the adapter, per invocation) less the same
    /// safety margin when that comes first: a shorter timeout than CLEANUP__TIMEOUTSECONDS says still ends cleanly.
    /// </summary>
    private DateTimeOffset StopBy(DateTimeOffset started)
    {
        var budget = started + _options.Budget;
        return LambdaInvocation.Current?.Deadline - CleanupOptions.SafetyMargin is { } deadline && deadline < budget ? deadline : budget;
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

    public void Dispose() => _host.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup finished (dry run: {DryRun}): {CompletedTodosDeleted} completed todos, {AttachmentObjectsDeleted} attachment objects, {OrphanUploadsDeleted} orphan uploads, {StalePendingAttachmentsFailed} stale attachments failed, {StuckOrdersResent} orders re-sent, {StuckOrdersFailed} orders failed; stopped early: {StoppedEarly}; {ElapsedMs} ms")]
    private static partial void LogSummary(ILogger logger, bool dryRun, int completedTodosDeleted, int attachmentObjectsDeleted, int orphanUploadsDeleted,
        int stalePendingAttachmentsFailed, int stuckOrdersResent, int stuckOrdersFailed, bool stoppedEarly, long elapsedMs);
}
