using TodoApp.Core.Observability;

namespace TodoApp.Api.Infrastructure;

public static class ApiObservability
{
    /// <summary>EMF business metrics and AWS SDK spans (children of ASP.NET Core's request activity).</summary>
    public static IServiceCollection AddObservability(this IServiceCollection services)
    {
        Tracing.RegisterAwsSdkSpans();
        services.AddSingleton(new Metrics(ApiComposition.ServiceName));
        return services;
    }
}
