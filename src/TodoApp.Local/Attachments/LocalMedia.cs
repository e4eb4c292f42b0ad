using Amazon.SQS;
using Microsoft.Extensions.Configuration;
using TodoApp.Core.Aws;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Thumbnails;
using TodoApp.Local.Provisioning;

namespace TodoApp.Local.Attachments;

/// <summary>
/// The media bucket as a browser and the thumbnail function see it locally: fauxqs behind a proxy
/// that speaks CORS and checks presigned signatures, and S3 notifications delivered to the real
/// <see cref="ThumbnailFunction"/> class.
/// </summary>
public sealed class LocalMedia : IAsyncDisposable
{
    public const string BucketLogicalId = "MediaBucket";
    public const string FailureQueueLogicalId = "ThumbnailFailureQueue";

    private readonly IAmazonSQS _sqs;

    private LocalMedia(MediaProxy proxy, ThumbnailDelivery thumbnails, IAmazonSQS sqs, string bucketName)
    {
        Proxy = proxy;
        Thumbnails = thumbnails;
        _sqs = sqs;
        BucketName = bucketName;
    }

    public MediaProxy Proxy { get; }
    public ThumbnailDelivery Thumbnails { get; }
    public string BucketName { get; }

    /// <summary>The API presigns against the proxy, so uploads from the page go through it.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ApiConfiguration =>
    [
        new("Aws:S3ServiceUrl", Proxy.Url.ToString()),
        new("Media:BucketName", BucketName),
    ];

    public static async Task<LocalMedia> StartAsync(CloudFormationTemplate template, AwsOptions aws, string tableName,
        IReadOnlyDictionary<string, string> queueUrls, CancellationToken ct)
    {
        var bucket = MessagingProvisioner.BucketName(BucketLogicalId);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Table:Name"] = tableName,
            ["Media:BucketName"] = bucket,
            ["Aws:Region"] = aws.Region,
            ["Aws:DynamoDbServiceUrl"] = aws.DynamoDbServiceUrl,
            ["Aws:S3ServiceUrl"] = aws.S3ServiceUrl,
        }).Build();
        var host = new FunctionHost("thumbnails", configuration);
        var function = new ThumbnailFunction(host);
        var sqs = AwsClients.Sqs(aws);
        var thumbnails = new ThumbnailDelivery(function, aws.Region ?? LocalSystem.Region, sqs, queueUrls.GetValueOrDefault(FailureQueueLogicalId),
            host.Services.GetRequiredService<ILogger<ThumbnailDelivery>>());
        var cors = MediaCors.FromTemplate(CloudFormationTemplate.Mapping(template.Resource(BucketLogicalId), "Properties") ?? new());
        var check = new PresignedRequestCheck(AwsClients.LocalCredentials.GetCredentials().SecretKey, TimeProvider.System);
        var proxy = await MediaProxy.StartAsync(new Uri(aws.S3ServiceUrl!), cors, check, thumbnails.ObjectCreated, ct);
        thumbnails.Start();
        return new LocalMedia(proxy, thumbnails, sqs, bucket);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Thumbnails.DisposeAsync();
        _sqs.Dispose();
    }
}
