using System.Text.Json;
using System.Text.Json.Serialization;
using TodoApp.Api.Todos;
using TodoApp.Core.Todos;

namespace TodoApp.Api.Infrastructure;

/// <summary>Source-generated JSON for every type the API reads or writes: no reflection, AOT-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateTodoRequest))]
[JsonSerializable(typeof(TodoResponse))]
[JsonSerializable(typeof(TodoPageResponse))]
[JsonSerializable(typeof(TodoCounts))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

public static class ApiJson
{
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // A request that says more than we understand is rejected, not half-applied.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.MaxDepth = 16;
        });
}
