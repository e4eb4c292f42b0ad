using Amazon.S3;
using Amazon.S3.Model;
using TodoApp.Core.Aws;
using TodoApp.Local;
using TodoApp.Local.Emulators;

namespace TodoApp.Testing;

/// <summary>
/// An S3 bucket of its own in one fauxqs process shared by the test run, for tests whose subject
/// walks a whole bucket (the cleanup job) and so cannot share one with tests running in parallel.
/// </summary>
public sealed class IsolatedBucket : IDisposable
{
    private static readonly Lazy<Task<NodeEmulator>> Emulator = new(StartAsync);

    private IsolatedBucket(string serviceUrl, string name)
    {
        ServiceUrl = serviceUrl;
        Name = name;
        S3 = AwsClients.S3(new AwsOptions { Region = LocalSystem.Region, S3ServiceUrl = serviceUrl });
    }

    public string ServiceUrl { get; }
    public string Name { get; }
    public IAmazonS3 S3 { get; }

    public static async Task<IsolatedBucket> CreateAsync()
    {
        var emulator = await Emulator.Value;
        var bucket = new IsolatedBucket(emulator.ServiceUrl.ToString(), "test-" + Guid.NewGuid().ToString("N")[..20]);
        await bucket.S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket.Name });
        return bucket;
    }

    public Task PutAsync(string key, string content = "image bytes") =>
        S3.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, ContentBody = content, ContentType = "image/png" });

    public async Task<bool> ExistsAsync(string key)
    {
        var listed = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, Prefix = key });
        return (listed.S3Objects ?? []).Any(o => o.Key == key);
    }

    public async Task<int> CountAsync(string prefix)
    {
        var count = 0;
        string? after = null;
        while (true)
        {
            var page = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Name, Prefix = prefix, StartAfter = after });
            var objects = page.S3Objects ?? [];
            count += objects.Count;
            if (page.IsTruncated != true || objects.Count == 0)
            {
                return count;
            }
            after = objects[^1].Key;
        }
    }

    private static async Task<NodeEmulator> StartAsync()
    {
        var infra = Path.Combine(RepoPaths.FindRoot(), "infra", "local");
        await NodeModules.EnsureInstalledAsync(infra, default);
        var emulator = await NodeEmulator.StartAsync(infra, "s3sqs", []);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return emulator;
    }

    public void Dispose() => S3.Dispose();
}
