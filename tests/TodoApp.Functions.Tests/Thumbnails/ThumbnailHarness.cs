using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Core.Attachments;
using TodoApp.Core.Aws;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Thumbnails;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Thumbnails;

/// <summary>
/// A thumbnail function of its own against the shared emulators. Objects are written straight to
/// fauxqs (not through the local proxy), so no notification fires until the test delivers one.
/// </summary>
internal sealed class ThumbnailHarness : IDisposable
{
    private ThumbnailHarness(LocalSystem system, ThumbnailFunction function)
    {
        System = system;
        Function = function;
        S3 = AwsClients.S3(system.Aws);
        Store = system.Services.GetRequiredService<AttachmentStore>();
        Client = system.ClientFor(UserId);
    }

    public LocalSystem System { get; }
    public ThumbnailFunction Function { get; }
    public IAmazonS3 S3 { get; }
    public AttachmentStore Store { get; }
    public string UserId { get; } = SharedSystem.NewUserId();
    public HttpClient Client { get; }
    public string Bucket => System.Media.BucketName;

    /// <param name="metrics">Where the function's EMF lines go; the console by default.</param>
    /// <param name="logs">Where its log lines go; the console by default.</param>
    public static async Task<ThumbnailHarness> CreateAsync(long? maxBytes = null, Core.Observability.Metrics? metrics = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        var system = await SharedSystem.GetAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Media:BucketName"] = system.Media.BucketName,
            ["Aws:Region"] = system.Aws.Region,
            ["Aws:DynamoDbServiceUrl"] = system.Aws.DynamoDbServiceUrl,
            ["Aws:S3ServiceUrl"] = system.Aws.S3ServiceUrl,
        };
        // Absent, not empty, when the test keeps the default: an empty value binds as 0, which validation refuses.
        if (maxBytes is { } limit)
        {
            settings["Attachments:MaxBytes"] = limit.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ThumbnailHarness(system, new ThumbnailFunction(FunctionHosts.Create("thumbnails-test", configuration, logs, metrics)));
    }

    /// <summary>A todo with one PENDING attachment (made through the API) and its object in the bucket.</summary>
    public async Task<AttachmentRef> UploadAsync(byte[] bytes, string contentType, string fileName = "photo.jpg", string? correlationId = null)
    {
        var todo = await (await Client.PostAsJsonAsync("api/todos", new { title = "With a picture" })).Content.ReadFromJsonAsync<JsonElement>();
        var todoId = todo.GetProperty("id").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/todos/{todoId}/attachments")
        {
            Content = JsonContent.Create(new { fileName, contentType, size = bytes.Length }),
        };
        if (correlationId is not null)
        {
            request.Headers.Add("x-correlation-id", correlationId);
        }
        var created = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attachmentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachment").GetProperty("id").GetString()!;
        var at = new AttachmentRef(UserId, todoId, attachmentId);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = at.UploadKey, InputStream = new MemoryStream(bytes), ContentType = contentType });
        return at;
    }

    public Task<ThumbnailSummary> DeliverAsync(AttachmentRef at) => DeliverKeyAsync(at.UploadKey);

    public async Task<ThumbnailSummary> DeliverKeyAsync(string key)
    {
        await using var output = await Function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(EventFor(key))));
        return (await JsonSerializer.DeserializeAsync<ThumbnailSummary>(output, JsonSerializerOptions.Web))!;
    }

    /// <summary>The S3 notification of one upload, as Lambda delivers it.</summary>
    public string EventFor(string key)
    {
        // Encoded the way S3 encodes keys in notifications: like a form, slashes kept.
        var encoded = WebUtility.UrlEncode(key).Replace("%2F", "/", StringComparison.Ordinal);
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventName\":\"ObjectCreated:Put\"," +
            "\"responseElements\":{\"x-amz-request-id\":\"TEST\"},\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + Bucket +
            "\"},\"object\":{\"key\":\"" + encoded + "\",\"size\":1}}}]}";
    }

    public async Task<byte[]?> ReadObjectAsync(string key)
    {
        try
        {
            using var response = await S3.GetObjectAsync(Bucket, key);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public void Dispose()
    {
        Function.Dispose();
        S3.Dispose();
        Client.Dispose();
    }
}
