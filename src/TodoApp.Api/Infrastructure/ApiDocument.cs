using System.Diagnostics.CodeAnalysis;
using TodoApp.Api.Accounts;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, built from the endpoints' metadata. The local host,
/// which composes the API in-process, serves it for <c>/docs</c> and generated clients. The Lambda
/// binary leaves it out (TodoApp.Api.csproj turns the switch off when it publishes, and the trimmer
/// drops the OpenAPI services with it): in AWS, CloudFront sends only <c>/api/*</c> to the function,
/// so nobody could fetch the document there, and carrying it cost every cold start about 5 ms of CPU
/// and 1.9 MiB of RSS (docs/performance.md).
/// </summary>
public static class ApiDocument
{
    private const string Switch = "TodoApp.Api.ServesOpenApiDocument";

    [FeatureSwitchDefinition(Switch)]
    public static bool IsServed => !AppContext.TryGetSwitch(Switch, out var served) || served;

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        IsServed ? services.AddOpenApi(options => options.AddTokenHeader()) : services;

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder routes)
    {
        if (IsServed)
        {
            routes.MapOpenApi();
        }
        return routes;
    }
}
