using System.Net;
using System.Text.Json.Serialization;

namespace TodoApp.Functions.Events;

/// <summary>
/// An S3 event notification as Lambda receives it (event structure version 2.x). Only the fields we
/// use are typed; unknown fields are ignored so a newer minor version still parses.
/// </summary>
public sealed record S3Event([property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord>? Records);

public sealed record S3EventRecord(
    string? EventVersion,
    string? EventSource,
    string? AwsRegion,
    DateTimeOffset? EventTime,
    string? EventName,
    S3ResponseElements? ResponseElements,
    S3Entity S3);

public sealed record S3ResponseElements(
    [property: JsonPropertyName("x-amz-request-id")] string? RequestId,
    [property: JsonPropertyName("x-amz-id-2")] string? HostId);

#pragma warning disable CA1720 // "object" is the field's name in AWS's event format.
public sealed record S3Entity(string? S3SchemaVersion, string? ConfigurationId, S3BucketEntity Bucket, S3ObjectEntity Object);
#pragma warning restore CA1720

public sealed record S3BucketEntity(string Name, string? Arn);

public sealed record S3ObjectEntity(string Key, long? Size, string? ETag, string? VersionId, string? Sequencer)
{
    /// <summary>S3 sends the key URL-encoded as in a form: <c>+</c> is a space, <c>%2B</c> a plus.</summary>
    [JsonIgnore]
    public string DecodedKey => WebUtility.UrlDecode(Key);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3Event))]
public sealed partial class S3EventJsonContext : JsonSerializerContext;
