using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Attachments;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Core.Todos;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.Hosting;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Cleanup;

/// <summary>
/// A table and a bucket of the test's own (the cleanup works across all users and the whole bucket),
/// the cleanup function over them, and ways to arrange todos, attachments and objects at any time.
/// </summary>
internal sealed class CleanupHarness : IAsyncDisposable
{
    private CleanupHarness(IsolatedDynamo dynamo, IsolatedBucket bucket)
    {
        Dynamo = dynamo;
        Bucket = bucket;
        Client = AwsClients.DynamoDb(dynamo.Aws);
    }

    public IsolatedDynamo Dynamo { get; }
    public IsolatedBucket Bucket { get; }
    public IAmazonDynamoDB Client { get; }

    public static async Task<CleanupHarness> StartAsync() =>
        new(await IsolatedDynamo.StartAsync(), await IsolatedBucket.CreateAsync());

    public CleanupFunction Function(TimeProvider clock, TextWriter? metrics = null, int timeoutSeconds = 300,
        IDictionary<string, string?>? settings = null, ILoggerFactory? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Media:BucketName"] = Bucket.Name,
            ["Aws:Region"] = LocalSystem.Region,
            ["Aws:DynamoDbServiceUrl"] = Dynamo.Aws.DynamoDbServiceUrl,
            ["Aws:S3ServiceUrl"] = Bucket.ServiceUrl,
            ["Cleanup:RetentionDays"] = "30",
            ["Cleanup:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new CleanupFunction(FunctionHosts.Create("cleanup", configuration, logs, new Metrics("cleanup", metrics ?? new StringWriter(), clock), clock));
    }

    public TodoStore Todos(TimeProvider clock) => new(Client, Options.Create(new TableOptions { Name = LocalSystem.TableName }), clock);

    public AttachmentStore Attachments(TimeProvider clock) =>
        new(Client, Options.Create(new TableOptions { Name = LocalSystem.TableName }), Options.Create(new AttachmentOptions()), clock);

    public async Task<Todo> CreateTodoAsync(string user, DateTimeOffset at, bool completed)
    {
        var store = Todos(new FakeTimeProvider(at));
        var todo = (await store.CreateAsync(user, new NewTodo(completed ? "done" : "to do", null, null, []), default)).Todo!;
        return completed ? (await store.UpdateAsync(user, todo.Id, new TodoChanges { Completed = true }, null, default)).Todo! : todo;
    }

    /// <summary>An attachment created at <paramref name="at"/>, with its original in the bucket; READY (with a thumbnail) or PENDING.</summary>
    public async Task<AttachmentRef> AttachAsync(string user, string todoId, DateTimeOffset at, bool uploaded = true, bool ready = false)
    {
        var thumbnail = ready;
        var result = await Attachments(new FakeTimeProvider(at)).CreateAsync(user, todoId, "photo.png", "image/png", 11, correlationId: null, default);
        Assert.Equal(AttachOutcome.Created, result.Outcome);
        var reference = new AttachmentRef(user, todoId, result.Attachment!.Id);
        if (uploaded)
        {
            await Bucket.PutAsync(reference.UploadKey);
        }
        if (thumbnail)
        {
            await Bucket.PutAsync(reference.ThumbnailKey);
            Assert.True(await Attachments(TimeProvider.System).MarkReadyAsync(reference, 10, 10, default));
        }
        return reference;
    }

    public Task<Attachment?> GetAttachmentAsync(AttachmentRef at) => Attachments(TimeProvider.System).GetAsync(at, default);

    /// <summary>An object's LastModified as the bucket reports it: what the grace period is measured from.</summary>
    public async Task<DateTimeOffset> LastModifiedAsync(string key)
    {
        var listed = await Bucket.S3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = Bucket.Name, Prefix = key });
        return new DateTimeOffset(Assert.Single(listed.S3Objects ?? []).LastModified!.Value.ToUniversalTime());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Bucket.Dispose();
        await Dynamo.DisposeAsync();
    }
}

/// <summary>A clock that moves on by <paramref name="step"/> every time it is read: each check of the budget costs time.</summary>
internal sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, step.Ticks), TimeSpan.Zero);
}
