using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TodoApp.Functions.Hosting;

/// <summary>The one way a Stream handler writes its result: source-generated JSON, rewound for the runtime to read.</summary>
public static class FunctionResult
{
    public static async Task<Stream> WriteAsync<T>(T result, JsonTypeInfo<T> type)
    {
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, result, type);
        output.Position = 0;
        return output;
    }
}
