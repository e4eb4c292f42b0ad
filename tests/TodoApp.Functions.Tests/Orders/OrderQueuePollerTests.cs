using Amazon.SQS;
using Amazon.SQS.Model;
using TodoApp.Core.Aws;
using TodoApp.Core.Orders;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Orders;

/// <summary>Through the real queue: the local poller stands in for Lambda's event source mapping.</summary>
public sealed class OrderQueuePollerTests
{
    [Fact]
    public async Task PoisonMessageEndsInTheDeadLetterQueueWhileTheGoodOneIsProcessed()
    {
        var system = await SharedSystem.GetAsync();
        var harness = new OrderHarness(system);
        using var sqs = AwsClients.Sqs(system.Aws);
        var userId = SharedSystem.NewUserId();
        var order = await harness.PendingOrderAsync(userId, items: 2);
        var poison = $"not an order {Guid.NewGuid():N}";

        await sqs.SendMessageAsync(system.QueueUrls["OrdersQueue"], poison);
        await sqs.SendMessageAsync(system.QueueUrls["OrdersQueue"], new OrderMessage(order.Id, userId, null).ToJson());

        var deadLetter = await WaitForDeadLetterAsync(sqs, system.QueueUrls["OrdersDeadLetterQueue"], poison, TimeSpan.FromSeconds(45));
        Assert.NotNull(deadLetter);
        // maxReceiveCount is 5 in template.yaml: the poller saw it five times before SQS gave up on it.
        Assert.True(int.Parse(deadLetter.Attributes["ApproximateReceiveCount"], System.Globalization.CultureInfo.InvariantCulture) >= 5);
        Assert.Equal(OrderStatus.Accepted, (await harness.Orders.GetAsync(userId, order.Id, default))!.Status);
        Assert.Equal(2, (await harness.TodosAsync(userId)).Count);
    }

    private static async Task<Message?> WaitForDeadLetterAsync(IAmazonSQS sqs, string dlqUrl, string body, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = dlqUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                // Peek without hiding anything from other readers.
                VisibilityTimeout = 0,
                MessageSystemAttributeNames = ["All"],
            });
            if (response.Messages?.FirstOrDefault(m => m.Body == body) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
