using System.ComponentModel.DataAnnotations;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using TodoApp.Core.Orders;

namespace TodoApp.Api.Orders;

public sealed class OrdersOptions
{
    public const string Section = "Orders";

    [Required(ErrorMessage = "Orders:QueueUrl is required (environment variable ORDERS__QUEUEURL).")]
    public string QueueUrl { get; set; } = "";
}

[OptionsValidator]
public sealed partial class OrdersOptionsValidator : IValidateOptions<OrdersOptions>;

/// <summary>
/// Sends order messages. A failed send is retried a couple of times (on top of the SDK's own
/// retries); if it still fails the caller answers 503 and the order stays PENDING in the pending
/// index, where the cleanup job finds it and sends it again.
/// </summary>
public sealed partial class OrderSender(IAmazonSQS sqs, IOptions<OrdersOptions> options, ILogger<OrderSender> logger)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)];

    public async Task<bool> SendAsync(OrderMessage message, CancellationToken ct)
    {
        var request = new SendMessageRequest
        {
            QueueUrl = options.Value.QueueUrl,
            MessageBody = message.ToJson(),
            MessageAttributes = new()
            {
                [OrderMessage.CorrelationAttribute] = new MessageAttributeValue { DataType = "String", StringValue = message.CorrelationId },
            },
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await sqs.SendMessageAsync(request, ct);
                LogSent(logger, message.OrderId, response.MessageId);
                return true;
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or TimeoutException ||
                                      e is OperationCanceledException && !ct.IsCancellationRequested)
            {
                if (attempt >= Backoff.Length)
                {
                    LogNotSent(logger, e, message.OrderId, attempt + 1);
                    return false;
                }
                await Task.Delay(Backoff[attempt], ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} queued as message {MessageId}")]
    private static partial void LogSent(ILogger logger, string orderId, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not be queued after {Attempts} attempts; it stays PENDING for the cleanup job")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string orderId, int attempts);
}
