using System.Text;
using System.Text.Json;
using TodoApp.Core.Orders;
using TodoApp.Functions.Events;
using TodoApp.Local;

namespace TodoApp.Functions.Tests.Orders;

public sealed class SqsEventTests
{
    /// <summary>The example standard-queue event from the AWS Lambda developer guide ("Using Lambda with Amazon SQS").</summary>
    private const string AwsSampleEvent = """
        {
          "Records": [
            {
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body": "Test message.",
              "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
              },
              "messageAttributes": {
                "myAttribute": {
                  "stringValue": "myValue",
                  "stringListValues": [],
                  "binaryListValues": [],
                  "dataType": "String"
                }
              },
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
              "awsRegion": "us-east-2"
            },
            {
              "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
              "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
              "body": "Test message.",
              "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": "1545082650636",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082650649"
              },
              "messageAttributes": {},
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
              "awsRegion": "us-east-2"
            }
          ]
        }
        """;

    [Fact]
    public void TheDocumentedSampleEventParsesIntoRecords()
    {
        var sqsEvent = JsonSerializer.Deserialize(AwsSampleEvent, SqsEventJsonContext.Default.SqsEvent)!;

        Assert.Equal(2, sqsEvent.Records.Count);
        var first = sqsEvent.Records[0];
        Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", first.MessageId);
        Assert.Equal("Test message.", first.Body);
        Assert.Equal(1, first.ReceiveCount);
        Assert.Equal("myValue", first.StringAttribute("myAttribute"));
        Assert.Equal("String", first.MessageAttributes!["myAttribute"].DataType);
        Assert.Equal("arn:aws:sqs:us-east-2:123456789012:my-queue", first.EventSourceArn);
        Assert.Equal("us-east-2", first.AwsRegion);
        Assert.Empty(sqsEvent.Records[1].MessageAttributes!);
    }

    [Fact]
    public void TheBatchResponseHasTheShapeLambdaExpects()
    {
        var json = JsonSerializer.Serialize(new SqsBatchResponse([new SqsBatchItemFailure("m-1")]), SqsEventJsonContext.Default.SqsBatchResponse);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-1"}]}""", json);
        Assert.Equal("""{"batchItemFailures":[]}""", JsonSerializer.Serialize(new SqsBatchResponse([]), SqsEventJsonContext.Default.SqsBatchResponse));
    }

    [Fact]
    public void TheSampleEventForSamLocalInvokeCarriesAnOrderMessageAndAPoisonMessage()
    {
        var path = Path.Combine(RepoPaths.FindRoot(), "infra", "events", "order-processor.json");
        var sqsEvent = JsonSerializer.Deserialize(File.ReadAllText(path, Encoding.UTF8), SqsEventJsonContext.Default.SqsEvent)!;

        var message = OrderMessage.TryParse(sqsEvent.Records[0].Body);
        Assert.NotNull(message);
        Assert.Equal(message.CorrelationId, sqsEvent.Records[0].StringAttribute(OrderMessage.CorrelationAttribute));
        Assert.Null(OrderMessage.TryParse(sqsEvent.Records[1].Body));
    }
}
