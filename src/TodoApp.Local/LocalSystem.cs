using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TodoApp.Api;
using TodoApp.Core.Aws;
using TodoApp.Local.Accounts;
using TodoApp.Local.Cleanup;
using TodoApp.Local.Attachments;
using TodoApp.Local.Emulators;
using TodoApp.Local.Frontend;
using TodoApp.Local.Orders;
using TodoApp.Local.GitHub;
using TodoApp.Local.Provisioning;

namespace TodoApp.Local;

public sealed class LocalSystemOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Used when no <c>--urls</c> argument is given; port 0 picks a free port (tests).</summary>
    public string DefaultUrls { get; init; } = "http://localhost:5000";

    /// <summary>Where the DynamoDB emulator keeps its data; null keeps it in memory (tests).</summary>
    public string? DataDirectory { get; init; }

    public string? RepoRoot { get; init; }

    /// <summary>Extra configuration, applied last (tests use it to shorten timeouts and intervals).</summary>
    public IDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The whole system on loopback: emulators from npm, resources provisioned from template.yaml, the
/// API composed in-process, and the plumbing AWS would do between them.
/// </summary>
public sealed class LocalSystem : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string TableName = "TodoTable";

    private readonly List<IAsyncDisposable> _owned = [];
    private string _infra = "";
    private string[] _dynamoArgs = [];

    private LocalSystem(string repoRoot) => RepoRoot = repoRoot;

    public string RepoRoot { get; }
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public NodeEmulator DynamoDb { get; private set; } = null!;

    /// <summary>fauxqs: S3 and SQS on one port.</summary>
    public NodeEmulator S3Sqs { get; private set; } = null!;

    /// <summary>The OpenID Connect provider standing in for Cognito.</summary>
    public LocalIdentity Identity { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> QueueUrls { get; private set; } = new Dictionary<string, string>();
    public AwsOptions Aws { get; private set; } = null!;

    /// <summary>The media bucket behind its CORS/signature proxy, and the thumbnail events.</summary>
    public LocalMedia Media { get; private set; } = null!;
    public IServiceProvider Services => App.Services;

    public static async Task<LocalSystem> StartAsync(LocalSystemOptions options, CancellationToken ct = default)
    {
        var system = new LocalSystem(options.RepoRoot ?? RepoPaths.FindRoot());
        try
        {
            await system.StartCoreAsync(options, ct);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(LocalSystemOptions options, CancellationToken ct)
    {
        var infra = Path.Combine(RepoRoot, "infra", "local");
        var template = CloudFormationTemplate.Load(Path.Combine(RepoRoot, "template.yaml"));
        await NodeModules.EnsureInstalledAsync(infra, ct);
        await FrontendBuild.EnsureBuiltAsync(RepoRoot, ct);

        _infra = infra;
        if (options.DataDirectory is { } data)
        {
            var folder = Path.GetFullPath(Path.Combine(data, "dynamodb"));
            DynaliteLeftovers.SetAside(folder, TimeProvider.System, Console.Error);
            _dynamoArgs = ["--path", Directory.CreateDirectory(folder).FullName];
        }
        // Started together: DynamoDB Local is a JVM and takes the longest, the others start meanwhile.
        var dynamoDb = NodeEmulator.StartAsync(infra, "dynamodb", _dynamoArgs, ct: ct);
        var s3Sqs = NodeEmulator.StartAsync(infra, "s3sqs", [], ct: ct);
        var identity = LocalIdentity.StartAsync(infra, ct);
        try
        {
            await Task.WhenAll(dynamoDb, s3Sqs, identity);
        }
        finally
        {
            // Whatever started is owned, so a failure of one still stops the others on dispose.
            _owned.AddRange(new Task<IAsyncDisposable>[] { Started(dynamoDb), Started(s3Sqs), Started(identity) }
                .Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
        (DynamoDb, S3Sqs, Identity) = (dynamoDb.Result, s3Sqs.Result, identity.Result);

        var aws = Aws = new AwsOptions
        {
            Region = Region,
            DynamoDbServiceUrl = DynamoDb.ServiceUrl.ToString(),
            S3ServiceUrl = S3Sqs.ServiceUrl.ToString(),
            SqsServiceUrl = S3Sqs.ServiceUrl.ToString(),
        };
        using (var dynamo = AwsClients.DynamoDb(aws))
        using (var s3 = AwsClients.S3(aws))
        using (var sqs = AwsClients.Sqs(aws))
        {
            await TableProvisioner.ProvisionAsync(template, dynamo, ct);
            await MessagingProvisioner.ProvisionBucketsAsync(template, s3, ct);
            QueueUrls = await MessagingProvisioner.ProvisionQueuesAsync(template, sqs, ct);
        }
        Media = await LocalMedia.StartAsync(template, aws, TableName, QueueUrls, ct);
        _owned.Add(Media);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            EnvironmentName = Environments.Development,
            ContentRootPath = RepoRoot,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Table:Name"] = TableName,
            ["Aws:Region"] = aws.Region,
            ["Aws:DynamoDbServiceUrl"] = aws.DynamoDbServiceUrl,
            ["Aws:S3ServiceUrl"] = aws.S3ServiceUrl,
            ["Aws:SqsServiceUrl"] = aws.SqsServiceUrl,
            ["Orders:QueueUrl"] = QueueUrls["OrdersQueue"],
        });
        builder.Configuration.AddInMemoryCollection(Media.ApiConfiguration);
        builder.Configuration.AddInMemoryCollection(Identity.ApiConfiguration);
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(options.DefaultUrls);
        }
        builder.AddTodoApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(LocalAccountsJson.Default));

        App = builder.Build();
        if (App.Configuration.GetValue<bool>("Tracing:Console"))
        {
            // `dotnet run --project src/TodoApp.Local -- --Tracing:Console=true` prints every span.
            _owned.Add(new AsyncDisposable(Core.Observability.Tracing.ListenToConsole(Console.Out)));
        }
        var securityHeaders = SecurityHeaders.FromTemplate(template, LocalOrigins());
        App.UseSecurityHeaders(securityHeaders);
        // What the Lambda Web Adapter does in AWS: the browser's token header becomes Authorization.
        App.UseAuthorizationSource();
        App.MapTodoApi();
        App.MapLocalAccounts(Identity);
        App.MapApiReference();
        App.MapLocalCleanup(aws);
        App.MapLocalGitHub(aws, TableName);
        App.MapFrontend(RepoRoot, securityHeaders);
        try
        {
            await App.StartAsync(ct);
        }
        catch (IOException e)
        {
            throw new LocalSystemException($"Could not listen on {builder.Configuration["urls"] ?? options.DefaultUrls}: {e.Message}. Is another process using the port? Pass --urls http://localhost:PORT to choose another.", e);
        }
        _owned.Add(App);
        _owned.Add(await this.StartOrderProcessingAsync(ct));
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal) + "/");
    }

    /// <summary>
    /// Fault injection for the reliability runs: kills the DynamoDB emulator (as a crash would), keeps
    /// it down for <paramref name="outage"/>, then starts it again on the same port and data folder.
    /// </summary>
    public async Task CrashAndRestartDynamoDbAsync(TimeSpan outage, CancellationToken ct = default)
    {
        var port = DynamoDb.Port;
        _owned.Remove(DynamoDb);
        DynamoDb.Kill();
        await DynamoDb.DisposeAsync();
        await Task.Delay(outage, ct);
        DynamoDb = await NodeEmulator.StartAsync(_infra, "dynamodb", _dynamoArgs, port, ct);
        _owned.Insert(0, DynamoDb);
    }

    private static async Task<IAsyncDisposable> Started<T>(Task<T> start) where T : IAsyncDisposable => await start;

    private sealed class AsyncDisposable(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The local stand-ins for the origins template.yaml's CSP computes: S3 for media, Cognito for sign-in.</summary>
    private Dictionary<string, Uri> LocalOrigins() => new()
    {
        ["}-media-"] = Media.Proxy.Url,
        ["cognito-idp."] = new(Identity.Authority),
        [".amazoncognito.com"] = new(Identity.Authority),
    };

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            if (_owned[i] is WebApplication app)
            {
                await app.StopAsync();
            }
            await _owned[i].DisposeAsync();
        }
        _owned.Clear();
    }
}
