using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetVips;
using TodoApp.Core.Attachments;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;
using TodoApp.Functions.GitHub;
using TodoApp.Local;
using TodoApp.Local.Emulators;
using TodoApp.Local.Provisioning;

namespace TodoApp.Benchmarks.Functions;

/// <summary>One event ready to send: where the adapter would POST it, its body and headers.</summary>
internal sealed record FunctionEvent(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The emulators the functions need beside the context's DynamoDB Local (fauxqs for S3, a stand-in for
/// SSM Parameter Store's GetParameter), and for each function an event that does its real work: a new
/// upload to thumbnail, a new pending order to accept, a dry-run cleanup, a signed GitHub delivery that
/// is parsed and claimed (claimed beforehand, so nothing is posted to Slack).
/// </summary>
internal sealed class FunctionEvents : IAsyncDisposable
{
    private const string Bucket = "mediabucket";
    private const string WebhookSecret = "bench-webhook-secret";
    private readonly BenchContext _context;
    private readonly NodeEmulator _s3;
    private readonly WebApplication _ssm;
    private readonly AwsOptions _aws;
    private readonly IAmazonS3 _s3Client;
    private readonly byte[] _photo;
    private readonly byte[] _star;

    private FunctionEvents(BenchContext context, NodeEmulator s3, WebApplication ssm, string ssmUrl)
    {
        (_context, _s3, _ssm, SsmUrl) = (context, s3, ssm, ssmUrl);
        _aws = new AwsOptions { Region = LocalSystem.Region, DynamoDbServiceUrl = context.Dynamo.ServiceUrl.ToString(), S3ServiceUrl = s3.ServiceUrl.ToString() };
        _s3Client = AwsClients.S3(_aws);
        // About what a phone sends after the browser's resize: the work is the function's start, not libvips'.
        using (var noise = Image.Gaussnoise(1600, 1200, mean: 128, sigma: 40))
        using (var image = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar))
        {
            _photo = image.JpegsaveBuffer(q: 85);
        }
        _star = File.ReadAllBytes(Path.Combine(context.RepoRoot, "tests", "TodoApp.Functions.Tests", "GitHub", "Payloads", "star-created.json"));
    }

    public string SsmUrl { get; }

    public static async Task<FunctionEvents> StartAsync(BenchContext context)
    {
        var s3 = await NodeEmulator.StartAsync(Path.Combine(context.RepoRoot, "infra", "local"), "s3sqs", []);
        using (var client = AwsClients.S3(new AwsOptions { Region = LocalSystem.Region, S3ServiceUrl = s3.ServiceUrl.ToString() }))
        {
            await MessagingProvisioner.ProvisionBucketsAsync(CloudFormationTemplate.Load(Path.Combine(context.RepoRoot, "template.yaml")), client, default);
        }
        // GetParameter as SSM answers it (JSON 1.1): the parameter's name is its value's key here.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var ssm = builder.Build();
        ssm.MapPost("/", async (HttpContext http) =>
        {
            using var request = await JsonDocument.ParseAsync(http.Request.Body);
            var name = request.RootElement.GetProperty("Name").GetString();
            var value = name == "/bench/slack" ? "https://hooks.slack.invalid/services/bench" : WebhookSecret;
            http.Response.ContentType = "application/x-amz-json-1.1";
            await http.Response.WriteAsync($$$"""{"Parameter":{"Name":"{{{name}}}","Type":"SecureString","Value":"{{{value}}}","Version":1}}""");
        });
        await ssm.StartAsync();
        return new FunctionEvents(context, s3, ssm, ssm.Urls.First());
    }

    /// <summary>What the template gives each function, pointed at the emulators.</summary>
    public Dictionary<string, string> Environment(int port) => new()
    {
        ["AWS_LWA_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AWS_REGION"] = LocalSystem.Region,
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local-secret",
        ["AWS_ENDPOINT_URL_SSM"] = SsmUrl,
        ["Table__Name"] = LocalSystem.TableName,
        ["Aws__Region"] = LocalSystem.Region,
        ["Aws__DynamoDbServiceUrl"] = _aws.DynamoDbServiceUrl!,
        ["Aws__S3ServiceUrl"] = _aws.S3ServiceUrl!,
        ["Media__BucketName"] = Bucket,
        ["GitHub__WebhookSecretParameter"] = "/bench/secret",
        ["GitHub__SlackWebhookUrlParameter"] = "/bench/slack",
        ["Metrics__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public Task<FunctionEvent> PrepareAsync(string function) => function switch
    {
        "thumbnails" => UploadAsync(),
        "orders" => OrderAsync(),
        "cleanup" => Task.FromResult(new FunctionEvent("/events", """{"dryRun":true}"""u8.ToArray(), new Dictionary<string, string>())),
        "github" => DeliveryAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a function"),
    };

    private IOptions<TableOptions> Table { get; } = Options.Create(new TableOptions { Name = LocalSystem.TableName });

    private async Task<FunctionEvent> UploadAsync()
    {
        using var dynamo = AwsClients.DynamoDb(_aws);
        var user = "bench-" + Guid.NewGuid().ToString("N");
        var todo = await new TodoStore(dynamo, Table, TimeProvider.System).CreateAsync(user, new NewTodo("With a photo", null, null, []), default);
        var store = new AttachmentStore(dynamo, Table, Options.Create(new AttachmentOptions()), TimeProvider.System);
        var created = await store.CreateAsync(user, todo.Todo!.Id, "photo.jpg", "image/jpeg", _photo.Length, null, default);
        var key = AttachmentKeys.UploadKey(user, todo.Todo.Id, created.Attachment!.Id);
        await _s3Client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(_photo), ContentType = "image/jpeg" });
        var body = $$$$"""{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventName":"ObjectCreated:Put","responseElements":{"x-amz-request-id":"BENCH"},"s3":{"s3SchemaVersion":"1.0","bucket":{"name":"{{{{Bucket}}}}"},"object":{"key":"{{{{key}}}}","size":{{{{_photo.Length}}}},"sequencer":"0A"}}}]}""";
        return new FunctionEvent("/events", Encoding.UTF8.GetBytes(body), new Dictionary<string, string>());
    }

    private async Task<FunctionEvent> OrderAsync()
    {
        using var dynamo = AwsClients.DynamoDb(_aws);
        var user = "bench-" + Guid.NewGuid().ToString("N");
        var orderId = Ids.New(TimeProvider.System);
        await new OrderStore(dynamo, Table, TimeProvider.System).CreateAsync(user, orderId,
            new NewOrder("Bench order", [new OrderLine("Paint", 2), new OrderLine("Brushes", 1)], null, null), default);
        var message = JsonSerializer.Serialize(new OrderMessage(orderId, user, null).ToJson());
        var body = $$"""{"Records":[{"messageId":"{{Guid.NewGuid()}}","receiptHandle":"bench","body":{{message}},"attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},"eventSource":"aws:sqs","awsRegion":"us-east-1"}]}""";
        return new FunctionEvent("/events", Encoding.UTF8.GetBytes(body), new Dictionary<string, string>());
    }

    private async Task<FunctionEvent> DeliveryAsync()
    {
        using var dynamo = AwsClients.DynamoDb(_aws);
        var delivery = Guid.NewGuid().ToString();
        await new DeliveryStore(dynamo, LocalSystem.TableName, TimeProvider.System, TimeSpan.FromHours(1)).TryClaimAsync(delivery, "star", default);
        return new FunctionEvent("/", _star, new Dictionary<string, string>
        {
            ["x-github-event"] = "star",
            ["x-github-delivery"] = delivery,
            [WebhookSignature.HeaderName] = WebhookSignature.Sign(WebhookSecret, _star),
        });
    }

    public async ValueTask DisposeAsync()
    {
        _s3Client.Dispose();
        await _ssm.DisposeAsync();
        await _s3.DisposeAsync();
    }
}
