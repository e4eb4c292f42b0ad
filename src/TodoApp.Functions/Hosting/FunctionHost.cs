using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Aws;
using TodoApp.Core.Observability;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// What every function class builds once per execution environment: configuration (environment
/// variables, <c>Section__Key</c> as in ASP.NET Core), JSON logging and the AWS options. Tests and
/// the local host pass their own configuration instead of the process environment.
/// </summary>
public sealed class FunctionHost : IDisposable
{
    private readonly ServiceProvider _logging;
    private readonly XRayExporter? _xray;

    public FunctionHost(string service, IConfiguration? configuration = null, ILoggerFactory? loggerFactory = null)
    {
        Service = service;
        // Before the first client is built: every AWS SDK call becomes a child span of the handler's.
        Tracing.RegisterAwsSdkSpans();
        Configuration = configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();
        // Set by Lambda with Tracing: Active: the handler's and SDK's spans become subsegments of the invocation.
        _xray = XRayExporter.Start(Configuration[XRayExporter.DaemonAddressKey]);
        _logging = new ServiceCollection()
            .AddLogging(logging => logging.AddJsonLogging(service).SetMinimumLevel(LogLevel.Information))
            .BuildServiceProvider();
        LoggerFactory = loggerFactory ?? _logging.GetRequiredService<ILoggerFactory>();
        Aws = new AwsOptions
        {
            Region = Configuration["Aws:Region"] ?? Configuration["AWS_REGION"],
            DynamoDbServiceUrl = Configuration["Aws:DynamoDbServiceUrl"],
            S3ServiceUrl = Configuration["Aws:S3ServiceUrl"],
            SqsServiceUrl = Configuration["Aws:SqsServiceUrl"],
        };
    }

    public string Service { get; }
    public IConfiguration Configuration { get; }
    public ILoggerFactory LoggerFactory { get; }
    public AwsOptions Aws { get; }

    public string Required(string key) =>
        Configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Configuration '{key}' is required (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}).");

    /// <summary>
    /// The scope every log line of one invocation carries. A Stream handler gets no ILambdaContext,
    /// so the request id comes from the event where it has one (SQS message id, S3 request id,
    /// function URL requestContext, scheduler event id); the managed runtime sets the X-Ray trace
    /// header per invocation. Absent values are left out, so they never hide a fallback (the
    /// formatter's <c>trace_id</c>) or an outer scope's value.
    /// </summary>
    public static IDisposable? BeginInvocation(ILogger logger, string? requestId, string? correlationId = null)
    {
        var scope = new List<KeyValuePair<string, object?>>(4) { new(LogScope.ColdStart, LogScope.NextIsColdStart()) };
        Add(scope, LogScope.FunctionRequestId, requestId);
        Add(scope, LogScope.XrayTraceId, Environment.GetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable));
        Add(scope, LogScope.CorrelationId, correlationId);
        return logger.BeginScope(scope);
    }

    private static void Add(List<KeyValuePair<string, object?>> scope, string key, string? value)
    {
        if (value is { Length: > 0 })
        {
            scope.Add(new(key, value));
        }
    }

    public void Dispose()
    {
        _xray?.Dispose();
        _logging.Dispose();
    }
}
