using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using TodoApp.Core.Attachments;
using TodoApp.Functions.Tests.Thumbnails;
using TodoApp.Functions.Thumbnails;
using static TodoApp.Functions.Tests.Hostile.HostileJson;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>
/// Malformed S3 notifications aimed at a real PENDING upload: none may throw, make a thumbnail or
/// change the attachment, and afterwards a well-formed notification still does.
/// </summary>
public sealed class ThumbnailHostileEventTests
{
    private const int Cases = 500;

    [Fact]
    public async Task MalformedS3NotificationsNeverThrowAndWriteNothing()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.NoisyJpeg(64, 48), "image/jpeg");
        var events = Events(at, harness.Bucket);

        await events.SampleAsync(async json =>
        {
            Stream output;
            try
            {
                output = await harness.Function.HandleAsync(new MemoryStream(json));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{e.GetType().Name}: {e.Message} for {Describe(json)}", e);
            }
            await using var _ = output;
            var summary = (await JsonSerializer.DeserializeAsync<ThumbnailSummary>(output, JsonSerializerOptions.Web))!;
            Assert.True(summary.Ready == 0 && summary.Failed == 0, $"{summary} for {Describe(json)}");
        }, iter: Cases, threads: 2, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));

        Assert.Equal(AttachmentStatus.Pending, (await harness.Store.GetAsync(at, default))!.Status);
        Assert.NotNull(await harness.ReadObjectAsync(at.UploadKey));
        Assert.Null(await harness.ReadObjectAsync(at.ThumbnailKey));
        // The control: the same upload was processable all along.
        Assert.Equal(1, (await harness.DeliverAsync(at)).Ready);
        Assert.NotNull(await harness.ReadObjectAsync(at.ThumbnailKey));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"Records\":[{\"s3\":null}]}")]
    [InlineData("{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":null}}]}")]
    [InlineData("{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"uploads/a/b/c\",\"size\":\"big\"}}}]}")]
    public async Task AnEventS3WouldNeverSendIsSkippedNotThrown(string json)
    {
        using var harness = await ThumbnailHarness.CreateAsync();

        await using var output = await harness.Function.HandleAsync(Stream(json));

        var summary = (await JsonSerializer.DeserializeAsync<ThumbnailSummary>(output, JsonSerializerOptions.Web))!;
        Assert.Equal(0, summary.Ready + summary.Failed);
    }

    [Fact]
    public async Task AnUploadKeyInAnotherBucketIsIgnored()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.NoisyJpeg(64, 48), "image/jpeg");

        await using var output = await harness.Function.HandleAsync(Stream(Event(Quote("someone-elses-bucket"), Quote(at.UploadKey))));

        Assert.Equal(new ThumbnailSummary(0, 0, 1), await JsonSerializer.DeserializeAsync<ThumbnailSummary>(output, JsonSerializerOptions.Web));
        Assert.Equal(AttachmentStatus.Pending, (await harness.Store.GetAsync(at, default))!.Status);
    }

    /// <summary>Keys that are never the upload's own key as S3 would encode it; with the right bucket or not.</summary>
    private static Gen<byte[]> Events(AttachmentRef at, string bucket)
    {
        var key = at.UploadKey;
        var rest = key["uploads/".Length..];
        var mutatedKeys = Gen.OneOf(
            Gen.OneOf("thumbnails/" + rest, "Uploads/" + rest, "/" + key, "uploads//" + rest, "uploads/../" + key, key + "/x", key[..key.LastIndexOf('/')],
                key.ToUpperInvariant(), key + "%", key + "%ZZ", key + "%C3%28", key + "%00", key.Replace("/", "%252F", StringComparison.Ordinal), key + "+",
                key.Replace("uploads/", "uploads%2F..%2F", StringComparison.Ordinal), $"uploads/{at.UserId}/{at.TodoId}/0123456789abcdef0123456789abcdef",
                "uploads/" + new string('a', 100_000), "", "%u0041").Select(Quote),
            Values);
        var buckets = Gen.OneOf(Gen.OneOf("someone-elses-bucket", bucket.ToUpperInvariant(), bucket + " ", "").Select(Quote), Gen.OneOf("null", "1", "[]", "{}"));
        var records = Gen.OneOf(
            Gen.Select(Gen.OneOf(Gen.Const(Quote(bucket)), buckets), mutatedKeys, Record),
            Gen.Select(buckets, Gen.Const(Quote(key)), Record),
            Gen.Select(Values, Values, (s3, size) => $"{{\"eventName\":\"ObjectCreated:Put\",\"s3\":{s3},\"size\":{size}}}"),
            Values);
        return Gen.OneOf(
            NotAnEvent,
            Values.Select(v => Encoding.UTF8.GetBytes($"{{\"Records\":{v}}}")),
            records.Array[1, 4].Select(r => Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", r) + "]}")));
    }

    private static string Event(string bucketJson, string keyJson) => "{\"Records\":[" + Record(bucketJson, keyJson) + "]}";

    private static string Record(string bucketJson, string keyJson) =>
        "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\"," +
        $"\"bucket\":{{\"name\":{bucketJson}}},\"object\":{{\"key\":{keyJson},\"size\":1}}}}}}";

    private static string Describe(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        return text.Length > 300 ? text[..300] + $"...({text.Length})" : text;
    }
}
