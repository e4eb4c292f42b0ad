using Amazon.SQS.Model;
using TodoApp.Functions.Events;

namespace TodoApp.Local.Orders;

/// <summary>Builds the event Lambda's SQS event source mapping would deliver for received messages.</summary>
internal static class SqsEventBuilder
{
    public static SqsEvent Build(IEnumerable<Message> messages, string queueArn, string region) => new(
        messages.Select(m => new SqsMessage(
            MessageId: m.MessageId,
            ReceiptHandle: m.ReceiptHandle,
            Body: m.Body,
            Attributes: m.Attributes ?? [],
            MessageAttributes: (m.MessageAttributes ?? []).ToDictionary(a => a.Key, a => new SqsMessageAttributeValue(
                a.Value.StringValue,
                a.Value.BinaryValue is { } binary ? Convert.ToBase64String(binary.ToArray()) : null,
                a.Value.StringListValues ?? [],
                [],
                a.Value.DataType)),
            Md5OfBody: m.MD5OfBody,
            Md5OfMessageAttributes: m.MD5OfMessageAttributes,
            EventSource: "aws:sqs",
            EventSourceArn: queueArn,
            AwsRegion: region)).ToArray());
}
