using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TodoApp.Functions.Hosting;

/// <summary>The Lambda Web Adapter's JSON headers (<c>x-amzn-lambda-context</c>, <c>x-amzn-request-context</c>).</summary>
internal static class AdapterHeader
{
    /// <summary>Null when the header is absent or not JSON of that shape: the caller falls back to what the event carries.</summary>
    public static T? Parse<T>(string? header, JsonTypeInfo<T> type) where T : class
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(header, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
