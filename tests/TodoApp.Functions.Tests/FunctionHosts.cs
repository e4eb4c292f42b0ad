using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Observability;
using TodoApp.Functions.Hosting;

namespace TodoApp.Functions.Tests;

/// <summary>Function hosts for tests: the production container, with the test's replacements registered last.</summary>
internal static class FunctionHosts
{
    public static FunctionHost Create(string service, IConfiguration configuration, ILoggerFactory? logs = null, Metrics? metrics = null,
        TimeProvider? clock = null, Action<IServiceCollection>? more = null) =>
        new(service, configuration, services =>
        {
            if (logs is not null)
            {
                services.AddSingleton(logs);
            }
            if (metrics is not null)
            {
                services.AddSingleton(metrics);
            }
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            more?.Invoke(services);
        });
}
