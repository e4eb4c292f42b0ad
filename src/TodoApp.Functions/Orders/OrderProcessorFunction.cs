using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Observability;
using TodoApp.Core.Orders;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;

namespace TodoApp.Functions.Orders;

/// <summary>
/// OrderProcessorFunction, fed by the orders queue with ReportBatchItemFailures: a message that fails is reported alone and
/// returns to the queue (and, after maxReceiveCount, to the DLQ); the rest of the batch is done.
/// </summary>
public sealed partial class OrderProcessorFunction : IDisposable
{
    public const string ServiceName = "order-processor";

    private readonly FunctionHost _host;
    private readonly OrderProcessor _processor;
    private readonly ILogger _logger;
    private readonly Metrics _metrics;

    public OrderProcessorFunction(FunctionHost host)
    {
        _host = host;
        var services = host.Start(static services =>
        {
            services.AddDynamoDb();
            services.AddSingleton<OrderStore>();
        });
        _metrics = services.GetRequiredService<Metrics>();
        _processor = new OrderProcessor(services.GetRequiredService<OrderStore>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<OrderProcessor>>());
        _logger = services.GetRequiredService<ILogger<OrderProcessorFunction>>();
    }

    public async Task<Stream> HandleAsync(Stream input)
    {
        var records = await EventRecords.ReadAsync(input);
        using var span = Tracing.StartInvocation("OrderProcessor", System.Diagnostics.ActivityKind.Consumer);
        SqsBatchItemFailure[] failures;
        if (records is null)
        {
            // Not an SQS event: no message can be named, so an empty identifier makes Lambda retry the whole batch.
            LogUnreadableEvent(_logger);
            _metrics.Count("OrderMessagesFailed");
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "unreadable event");
            failures = [new SqsBatchItemFailure("")];
        }
        else
        {
            span?.SetTag("messaging.batch.message_count", records.Count);
            // Records of a standard queue are independent, so the batch is processed concurrently.
            var results = await Task.WhenAll(records.Select(HandleRecordAsync));
            failures = results.OfType<SqsBatchItemFailure>().ToArray();
        }
        return await FunctionResult.WriteAsync(new SqsBatchResponse(failures), SqsEventJsonContext.Default.SqsBatchResponse);
    }

    /// <summary>Null on success, the record's failure otherwise; never throws.</summary>
    private async Task<SqsBatchItemFailure?> HandleRecordAsync(System.Text.Json.JsonElement element)
    {
        var record = EventRecords.As(element, SqsEventJsonContext.Default.SqsMessage);
        if (record is not { MessageId: { Length: > 0 } messageId })
        {
            // A record Lambda would never send; naming it by its id where it has one keeps the rest of the batch done.
            var id = EventRecords.StringMember(element, "messageId") ?? "";
            LogUnreadableRecord(_logger, id);
            _metrics.Count("OrderMessagesFailed");
            return new SqsBatchItemFailure(id);
        }
        var message = OrderMessage.TryParse(record.Body);
        // The attribute is what the API sets; the body's copy covers a message sent without it.
        using var scope = FunctionHost.BeginInvocation(_logger, messageId,
            record.StringAttribute(OrderMessage.CorrelationAttribute) ?? message?.CorrelationId);
        using var span = Tracing.Source.StartActivity("ProcessOrder", System.Diagnostics.ActivityKind.Consumer);
        span?.SetTag("messaging.message.id", messageId);
        if (message is null)
        {
            LogMalformed(_logger, messageId, record.ReceiveCount);
            _metrics.Count("OrderMessagesFailed");
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "malformed message");
            return new SqsBatchItemFailure(messageId);
        }
        span?.SetTag("order.id", message.OrderId);
        try
        {
            var outcome = await _processor.ProcessAsync(message, CancellationToken.None);
            switch (outcome)
            {
                case OrderOutcome.Accepted:
                    _metrics.Count("OrdersAccepted");
                    break;
                case OrderOutcome.Rejected:
                    _metrics.Count("OrdersRejected");
                    break;
                case OrderOutcome.UnknownOrder:
                    _metrics.Count("OrderMessagesFailed");
                    return new SqsBatchItemFailure(messageId);
            }
            return null;
        }
        catch (Exception e)
        {
            // Whatever went wrong, only this message is retried; the conditional writes make the retry safe.
            LogFailed(_logger, e, message.OrderId, messageId, record.ReceiveCount);
            span?.AddException(e).SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            _metrics.Count("OrderMessagesFailed");
            return new SqsBatchItemFailure(messageId);
        }
    }

    public void Dispose() => _host.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The input is not an SQS event; the whole batch is reported as failed")]
    private static partial void LogUnreadableEvent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record {MessageId} is not an SQS message; it is reported as failed")]
    private static partial void LogUnreadableRecord(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} is not an order message (receive {ReceiveCount}); it will end in the DLQ")]
    private static partial void LogMalformed(ILogger logger, string messageId, int receiveCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId} from message {MessageId} failed (receive {ReceiveCount}); it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string orderId, string messageId, int receiveCount);
}
