using System.Text.Json.Serialization;

namespace TodoApp.Functions.Events;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionUrlRequest))]
[JsonSerializable(typeof(FunctionUrlResponse))]
[JsonSerializable(typeof(FunctionUrlRequestContext))]
[JsonSerializable(typeof(ProblemDetailsBody))]
public sealed partial class FunctionUrlJsonContext : JsonSerializerContext;
