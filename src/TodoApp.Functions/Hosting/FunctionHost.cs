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

    public FunctionHost(string service, IConfiguration? configuration = null, ILoggerFactory? loggerFactory = null)
    {
        Service = service;
        Configuration = configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();
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
    /// so the request id comes from the event where it has one (function URL requestContext,
    /// scheduler event id); the managed runtime sets the X-Ray trace header per invocation.
    /// </summary>
    public static IDisposable? BeginInvocation(ILogger logger, string? requestId, string? correlationId = null) =>
        logger.BeginScope(new List<KeyValuePair<string, object?>>
        {
            new(LogScope.ColdStart, LogScope.NextIsColdStart()),
            new(LogScope.FunctionRequestId, requestId),
            new(LogScope.XrayTraceId, Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID")),
            new(LogScope.CorrelationId, correlationId),
        });

    public void Dispose() => _logging.Dispose();
}
