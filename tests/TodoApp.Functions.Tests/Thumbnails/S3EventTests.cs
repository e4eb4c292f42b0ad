using System.Text;
using System.Text.Json;
using TodoApp.Functions.Events;

namespace TodoApp.Functions.Tests.Thumbnails;

public class S3EventTests
{
    /// <summary>The example from the S3 User Guide, "Event message structure", verbatim.</summary>
    private const string AwsSample = """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2","eventTime":"1970-01-01T00:00:00.000Z",
        "eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
        "requestParameters":{"sourceIPAddress":"127.0.0.1"},
        "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
        "s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule",
        "bucket":{"name":"amzn-s3-demo-bucket","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::amzn-s3-demo-bucket"},
        "object":{"key":"HappyFace.jpg","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
        """;

    private static S3Event Parse(string json) => JsonSerializer.Deserialize(json, S3EventJsonContext.Default.S3Event)!;

    [Fact]
    public void AwsSampleEventParsesIntoOneRecordWithBucketKeyAndSize()
    {
        var record = Assert.Single(Parse(AwsSample).Records!);
        Assert.Equal("ObjectCreated:Put", record.EventName);
        Assert.Equal("aws:s3", record.EventSource);
        Assert.Equal("C3D13FE58DE4C810", record.ResponseElements!.RequestId);
        Assert.Equal("amzn-s3-demo-bucket", record.S3.Bucket.Name);
        Assert.Equal("HappyFace.jpg", record.S3.Object.DecodedKey);
        Assert.Equal(1024, record.S3.Object.Size);
        Assert.Equal(DateTimeOffset.UnixEpoch, record.EventTime);
    }

    [Fact]
    public void EncodedKeyDecodesPlusAsSpaceAndPercentTwoBAsPlus()
    {
        var record = Assert.Single(Parse(AwsSample.Replace("\"HappyFace.jpg\"", "\"uploads/Happy+Face%2B1%C3%A9.jpg\"", StringComparison.Ordinal)).Records!);
        Assert.Equal("uploads/Happy Face+1é.jpg", record.S3.Object.DecodedKey);
    }

    [Fact]
    public void SampleEventInInfraFolderIsAnUploadKeyTheFunctionAccepts()
    {
        var json = File.ReadAllText(Path.Combine(TodoApp.Local.RepoPaths.FindRoot(), "infra", "events", "thumbnail.json"));
        var record = Assert.Single(Parse(json).Records!);
        Assert.True(TodoApp.Core.Attachments.AttachmentKeys.TryParseUploadKey(record.S3.Object.DecodedKey, out var at));
        Assert.Equal("dev-user", at.UserId);
    }

    [Fact]
    public void EventWithoutRecordsParsesAsEmpty()
    {
        Assert.Empty(Parse("""{"Records":[]}""").Records!);
        Assert.Null(Parse("{}").Records);
    }

    [Fact]
    public void SerializedEventUsesAwsFieldNames()
    {
        var json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(Parse(AwsSample), S3EventJsonContext.Default.S3Event));
        Assert.Contains("\"Records\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"x-amz-request-id\":\"C3D13FE58DE4C810\"", json, StringComparison.Ordinal);
        Assert.Contains("\"object\":{\"key\":\"HappyFace.jpg\"", json, StringComparison.Ordinal);
    }
}
