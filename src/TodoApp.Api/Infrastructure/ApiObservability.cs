using TodoApp.Core.Observability;

namespace TodoApp.Api.Infrastructure;

public static class ApiObservability
{
    /// <summary>EMF business metrics, AWS SDK spans (children of ASP.NET Core's request activity) and, on Lambda, their export to X-Ray.</summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        Tracing.RegisterAwsSdkSpans();
        services.AddSingleton(new ColdStart());
        // Registered after the host's default, so the request activity reads X-Ray's header too.
        services.AddSingleton<System.Diagnostics.DistributedContextPropagator>(
            new XRayPropagator(System.Diagnostics.DistributedContextPropagator.CreateDefaultPropagator()));
        // Metrics:Enabled=false silences EMF lines (load runs, where they would drown the report).
        var output = configuration.GetValue("Metrics:Enabled", true) ? Console.Out : TextWriter.Null;
        services.AddSingleton(new Metrics(ApiComposition.ServiceName, output));
        // Set by Lambda with Tracing: Active. Hosted services are built as the host starts, before
        // Kestrel takes a request, and disposed with the app.
        if (configuration[XRayExporter.DaemonAddressKey] is { Length: > 0 } daemon)
        {
            services.AddSingleton<IHostedService>(sp => new XRayExport(XRayExporter.Start(daemon, sp.GetRequiredService<Metrics>())!));
        }
        return services;
    }

    /// <summary>Request and SDK spans of X-Ray-sampled requests, as subsegments of the invocation.</summary>
    private sealed class XRayExport(XRayExporter exporter) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => exporter.Dispose();
    }
}
