using System.Text.Json;
using System.Text.Json.Serialization;

namespace TodoApp.Functions.Events;

/// <summary>What a function URL handler returns; Lambda turns it into the HTTP response.</summary>
public sealed record FunctionUrlResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("isBase64Encoded")] bool IsBase64Encoded = false)
{
    public static FunctionUrlResponse Empty(int statusCode) => new(statusCode, null, null);

    public static FunctionUrlResponse Json<T>(int statusCode, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(statusCode, new Dictionary<string, string> { ["content-type"] = "application/json" }, JsonSerializer.Serialize(value, type));

    /// <summary>Every error is RFC 9457 problem details, as in the API.</summary>
    public static FunctionUrlResponse Problem(int statusCode, string title, string detail, IReadOnlyDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string> { ["content-type"] = "application/problem+json" };
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var problem = new ProblemDetailsBody("about:blank", title, statusCode, detail);
        return new(statusCode, all, JsonSerializer.Serialize(problem, FunctionUrlJsonContext.Default.ProblemDetailsBody));
    }
}

public sealed record ProblemDetailsBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail);
