using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using TodoApp.Core.Aws;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;

namespace TodoApp.Local.Orders;

/// <summary>
/// What Lambda's event source mapping does for the orders queue: long-poll batches of up to 10, hand
/// them to <see cref="OrderProcessorFunction"/> as an SQS event, delete only the messages the batch
/// response does not list as failed. Failed ones reappear after the visibility timeout, and after
/// the redrive policy's maxReceiveCount fauxqs moves them to the DLQ, as SQS would.
/// Settings (section <c>Local:Orders</c>): VisibilityTimeoutSeconds (default: the queue's, 180 in the
/// template), WaitTimeSeconds (long polling, default 20), Pollers (default 2).
/// </summary>
public sealed partial class OrderQueuePoller : IAsyncDisposable
{
    private const int BatchSize = 10;
    private readonly IAmazonSQS _sqs;
    private readonly OrderProcessorFunction _function;
    private readonly ILogger _logger;
    private readonly string _queueUrl;
    private readonly string _queueArn;
    private readonly int? _visibilityTimeout;
    private readonly int _waitTime;
    private readonly CancellationTokenSource _stop = new();
    private Task[] _loops = [];

    private OrderQueuePoller(IAmazonSQS sqs, OrderProcessorFunction function, ILogger logger, string queueUrl, string queueArn, int waitTime, int? visibilityTimeout) =>
        (_sqs, _function, _logger, _queueUrl, _queueArn, _waitTime, _visibilityTimeout) = (sqs, function, logger, queueUrl, queueArn, waitTime, visibilityTimeout);

    public static async Task<OrderQueuePoller> StartAsync(LocalSystem system, CancellationToken ct)
    {
        var configuration = system.App.Configuration;
        var queueUrl = system.QueueUrls["OrdersQueue"];
        var waitTime = configuration["Local:Orders:WaitTimeSeconds"] is { Length: > 0 } w ? int.Parse(w, CultureInfo.InvariantCulture) : 20;
        // A long poll holds the request open for up to WaitTimeSeconds: the API's 5-second timeout would cut it.
        var sqs = AwsClients.Sqs(new AwsOptions
        {
            Region = system.Aws.Region,
            SqsServiceUrl = system.Aws.SqsServiceUrl,
            Timeout = TimeSpan.FromSeconds(waitTime + 10),
        });
        var queueArn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, ct)).QueueARN;
        var loggerFactory = system.Services.GetRequiredService<ILoggerFactory>();
        // The handler sees the configuration Lambda would give it: the table name and, locally, the emulators.
        var function = new OrderProcessorFunction(new FunctionHost(OrderProcessorFunction.ServiceName, configuration, services => services.AddSingleton(loggerFactory)));
        var poller = new OrderQueuePoller(sqs, function, loggerFactory.CreateLogger<OrderQueuePoller>(), queueUrl, queueArn, waitTime,
            configuration["Local:Orders:VisibilityTimeoutSeconds"] is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null);
        var pollers = configuration["Local:Orders:Pollers"] is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : 2;
        poller._loops = Enumerable.Range(0, pollers).Select(_ => Task.Run(poller.PollAsync)).ToArray();
        return poller;
    }

    private async Task PollAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = _queueUrl,
                    MaxNumberOfMessages = BatchSize,
                    WaitTimeSeconds = _waitTime,
                    VisibilityTimeout = _visibilityTimeout,
                    MessageSystemAttributeNames = ["All"],
                    MessageAttributeNames = ["All"],
                }, stop);
                if (received.Messages is { Count: > 0 } messages)
                {
                    await DeliverAsync(messages, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPollFailed(_logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task DeliverAsync(List<Message> messages, CancellationToken ct)
    {
        var failed = await InvokeAsync(SqsEventBuilder.Build(messages, _queueArn, LocalSystem.Region), messages);
        var done = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        if (done.Count > 0)
        {
            await _sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = _queueUrl,
                Entries = done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle)).ToList(),
            }, ct);
        }
        LogBatch(_logger, messages.Count, done.Count, failed.Count);
    }

    /// <summary>The ids of the failed messages. As on Lambda, a handler that throws, or answers with an id
    /// that is not in the batch, fails the whole batch.</summary>
    private async Task<HashSet<string>> InvokeAsync(SqsEvent sqsEvent, List<Message> messages)
    {
        var all = messages.Select(m => m.MessageId).ToHashSet();
        try
        {
            using var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(sqsEvent, SqsEventJsonContext.Default.SqsEvent));
            await using var output = await _function.HandleAsync(input);
            var response = await JsonSerializer.DeserializeAsync(output, SqsEventJsonContext.Default.SqsBatchResponse);
            var failed = (response?.BatchItemFailures ?? []).Select(f => f.ItemIdentifier).ToHashSet();
            return failed.IsSubsetOf(all) ? failed : all;
        }
        catch (Exception e)
        {
            LogHandlerFailed(_logger, e, messages.Count);
            return all;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _function.Dispose();
        _sqs.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orders queue: {Received} messages delivered, {Deleted} done, {Failed} left for redelivery")]
    private static partial void LogBatch(ILogger logger, int received, int deleted, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "The order processor failed the whole batch of {Count} messages")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the orders queue failed; retrying in a second")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}

public static class OrderQueuePollerExtensions
{
    /// <summary>Starts the local stand-in for the OrderProcessorFunction's event source mapping.</summary>
    public static Task<OrderQueuePoller> StartOrderProcessingAsync(this LocalSystem system, CancellationToken ct) =>
        OrderQueuePoller.StartAsync(system, ct);
}
