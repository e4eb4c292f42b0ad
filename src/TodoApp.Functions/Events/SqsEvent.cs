using System.Text.Json.Serialization;

namespace TodoApp.Functions.Events;

/// <summary>The event Lambda's SQS event source mapping delivers: a batch of up to 10 messages.</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsMessage> Records);

public sealed record SqsMessage(
    string MessageId,
    string ReceiptHandle,
    string? Body,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyDictionary<string, SqsMessageAttributeValue>? MessageAttributes,
    string? Md5OfBody,
    string? Md5OfMessageAttributes,
    string? EventSource,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn,
    string? AwsRegion)
{
    public string? StringAttribute(string name) =>
        MessageAttributes is not null && MessageAttributes.TryGetValue(name, out var value) ? value?.StringValue : null;

    public int ReceiveCount =>
        Attributes is not null && Attributes.TryGetValue("ApproximateReceiveCount", out var count) && int.TryParse(count, out var n) ? n : 0;
}

public sealed record SqsMessageAttributeValue(
    string? StringValue,
    string? BinaryValue,
    IReadOnlyList<string>? StringListValues,
    IReadOnlyList<string>? BinaryListValues,
    string DataType);

/// <summary>The ReportBatchItemFailures response: only the listed messages return to the queue.</summary>
public sealed record SqsBatchResponse(IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);

public sealed record SqsBatchItemFailure(string ItemIdentifier);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class SqsEventJsonContext : JsonSerializerContext;
