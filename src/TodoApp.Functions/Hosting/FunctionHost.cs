using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Core.Settings;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// What every function class builds once per execution environment: one container with the
/// configuration (environment variables, <c>Section__Key</c> as in ASP.NET Core), JSON logging, the
/// clock, metrics, the AWS clients and the function's own options, bound and validated the way the
/// API's are, so a bad setting fails the cold start with its name instead of the first event.
/// Tests and the local host pass their own configuration, and replace services through
/// <paramref name="configure"/> (a fake clock, a captured log, an emulator client), never through
/// parameters of the function classes.
/// </summary>
public sealed class FunctionHost(string service, IConfiguration? configuration = null, Action<IServiceCollection>? configure = null) : IDisposable
{
    private ServiceProvider? _services;
    private XRayExporter? _xray;

    public string Service { get; } = service;
    public IConfiguration Configuration { get; } = configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build();

    /// <summary>The container, once <see cref="Start"/> built it.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The function host has not been started.");

    /// <summary>
    /// Builds the container: the shared services, then the function's (<paramref name="addFunction"/>),
    /// then the caller's replacements; then validates every option registered with ValidateOnStart.
    /// </summary>
    public IServiceProvider Start(Action<IServiceCollection> addFunction)
    {
        if (_services is not null)
        {
            throw new InvalidOperationException("A function host is started once.");
        }
        // Before the first client is built: every AWS SDK call becomes a child span of the handler's.
        Tracing.RegisterAwsSdkSpans();
        var services = new ServiceCollection();
        services.AddSingleton(Configuration);
        services.AddLogging(logging => logging.AddJsonLogging(Service).SetMinimumLevel(LogLevel.Information));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Metrics(Service, clock: sp.GetRequiredService<TimeProvider>()));
        services.AddSettings(AwsOptions.Section, section =>
        {
            var aws = section.Get<AwsOptions>() ?? new AwsOptions();
            aws.Region ??= Configuration["AWS_REGION"];
            return aws;
        });
        services.AddSettings(TableOptions.Section, section => section.Get<TableOptions>(), new TableOptionsValidator());
        addFunction(services);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        // What the API does as its host starts: throws OptionsValidationException naming the setting.
        _services.ValidateSettings();
        // Set by Lambda with Tracing: Active: the handler's and SDK's spans become subsegments of the invocation.
        _xray = XRayExporter.Start(Configuration[XRayExporter.DaemonAddressKey], _services.GetRequiredService<Metrics>());
        return _services;
    }

    /// <summary>
    /// The scope every log line of one invocation carries. On Lambda the request id is Lambda's own,
    /// from the adapter's <see cref="LambdaInvocation"/>; without one (tests, the local host) it comes
    /// from the event where it has one (SQS message id, S3 request id, function URL requestContext,
    /// scheduler event id). The host sets the X-Ray trace header per invocation, as the managed runtime
    /// did. Absent values are left out, so they never hide a fallback (the formatter's <c>trace_id</c>)
    /// or an outer scope's value.
    /// </summary>
    public static IDisposable? BeginInvocation(ILogger logger, string? eventRequestId, string? correlationId = null)
    {
        var scope = new List<KeyValuePair<string, object?>>(4) { new(LogScope.ColdStart, LogScope.NextIsColdStart()) };
        Add(scope, LogScope.FunctionRequestId, LambdaInvocation.Current?.RequestId ?? eventRequestId);
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
        _services?.Dispose();
    }
}
