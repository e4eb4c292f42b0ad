using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Amazon.SQS;
using TodoApp.Core.Attachments;
using TodoApp.Functions.Events;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Local.Attachments;

/// <summary>
/// What S3 and Lambda do between an upload and the thumbnail function: an <c>ObjectCreated</c>
/// notification in AWS's format, filtered on <c>uploads/</c>, invoked asynchronously, retried once
/// (MaximumRetryAttempts: 1), then handed to the OnFailure destination queue.
/// </summary>
public sealed partial class ThumbnailDelivery(ThumbnailFunction function, string region, IAmazonSQS sqs, string? failureQueueUrl, ILogger logger) : IAsyncDisposable
{
    private readonly Channel<S3Event> _events = Channel.CreateUnbounded<S3Event>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;

    /// <summary>How long Lambda would wait before the retry; short locally.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public void Start() => _loop = Task.Run(RunAsync);

    public void ObjectCreated(string bucket, string key, long size)
    {
        if (!key.StartsWith(AttachmentKeys.UploadsPrefix, StringComparison.Ordinal))
        {
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        // S3 encodes keys like a form: a space becomes '+'; slashes stay.
        var encodedKey = string.Join('/', key.Split('/').Select(WebUtility.UrlEncode));
        _events.Writer.TryWrite(new S3Event([new S3EventRecord("2.1", "aws:s3", region, now, "ObjectCreated:Put",
            new S3ResponseElements(requestId, null),
            new S3Entity("1.0", "ThumbnailFunctionUploads", new S3BucketEntity(bucket, $"arn:aws:s3:::{bucket}"),
                new S3ObjectEntity(encodedKey, size, null, null, now.Ticks.ToString("X16", System.Globalization.CultureInfo.InvariantCulture))))]));
    }

    private async Task RunAsync()
    {
        await foreach (var s3Event in _events.Reader.ReadAllAsync())
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(s3Event, S3EventJsonContext.Default.S3Event);
            Exception? last = null;
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                try
                {
                    await using var result = await function.HandleAsync(new MemoryStream(payload));
                    last = null;
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    last = e;
                    LogAttemptFailed(logger, e, attempt);
                    await Task.Delay(RetryDelay);
                }
            }
            if (last is not null && failureQueueUrl is not null)
            {
                await sqs.SendMessageAsync(failureQueueUrl, FailureRecord(payload, last));
            }
        }
    }

    /// <summary>The shape of a Lambda OnFailure destination record, trimmed to what an operator needs.</summary>
    private static string FailureRecord(byte[] payload, Exception error) => new JsonObject
    {
        ["version"] = "1.0",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["requestContext"] = new JsonObject { ["condition"] = "RetriesExhausted", ["approximateInvokeCount"] = 2 },
        ["requestPayload"] = JsonNode.Parse(payload),
        ["responsePayload"] = new JsonObject { ["errorType"] = error.GetType().Name, ["errorMessage"] = error.Message },
    }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        function.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnail function invocation attempt {Attempt} failed")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, int attempt);
}
