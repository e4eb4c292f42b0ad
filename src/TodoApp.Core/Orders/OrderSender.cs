using System.ComponentModel.DataAnnotations;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace TodoApp.Core.Orders;

public sealed class OrdersOptions
{
    public const string Section = "Orders";

    [Required(ErrorMessage = "Orders:QueueUrl is required (environment variable ORDERS__QUEUEURL).")]
    public string QueueUrl { get; set; } = "";
}

[OptionsValidator]
public sealed partial class OrdersOptionsValidator : IValidateOptions<OrdersOptions>;

/// <summary>
/// The one place an <see cref="OrderMessage"/> is sent: by the API after placing an order, and by the
/// cleanup job for an order whose message never arrived. A failed send is retried twice with jittered
/// backoff (on top of the SDK's own retries); if it still fails the answer is false and the order
/// stays PENDING in the pending index, where the cleanup job finds it and sends it again.
/// </summary>
public sealed partial class OrderSender
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly ILogger<OrderSender> _logger;
    private readonly ResiliencePipeline _retry;

    public OrderSender(IAmazonSQS sqs, IOptions<OrdersOptions> options, TimeProvider clock, ILogger<OrderSender> logger)
    {
        _sqs = sqs;
        _queueUrl = options.Value.QueueUrl;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                // A cancelled caller is not retried: Polly stops when the caller's token is cancelled.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }

    public async Task<bool> SendAsync(OrderMessage message, CancellationToken ct)
    {
        var request = new SendMessageRequest
        {
            QueueUrl = _queueUrl,
            MessageBody = message.ToJson(),
            MessageAttributes = new()
            {
                // Visible without parsing the body: the processor's lines join the placing request's.
                [OrderMessage.CorrelationAttribute] = new MessageAttributeValue { DataType = "String", StringValue = message.CorrelationId },
            },
        };
        try
        {
            var response = await _retry.ExecuteAsync(static async (state, token) => await state.Sqs.SendMessageAsync(state.Request, token),
                (Sqs: _sqs, Request: request), ct);
            LogSent(_logger, message.OrderId, response.MessageId);
            return true;
        }
        catch (Exception e) when (IsTransient(e) && !ct.IsCancellationRequested)
        {
            LogNotSent(_logger, e, message.OrderId);
            return false;
        }
    }

    private static bool IsTransient(Exception e) =>
        e is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException or OperationCanceledException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} queued as message {MessageId}")]
    private static partial void LogSent(ILogger logger, string orderId, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not be queued after its retries; it stays PENDING for the cleanup job")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string orderId);
}
