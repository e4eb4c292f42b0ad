using System.Text.Json;
using TodoApp.Core.Observability;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Puts the correlation id and, on Lambda, the invocation's context (which the Lambda Web Adapter
/// passes in <c>x-amzn-lambda-context</c>) into a logging scope, so every log line carries them.
/// </summary>
public static class RequestContext
{
    public const string CorrelationHeader = "x-correlation-id";
    private const string LambdaContextHeader = "x-amzn-lambda-context";
    private const string TraceHeader = "x-amzn-trace-id";
    private static readonly object CorrelationKey = new();

    public static WebApplication UseRequestContext(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TodoApp.Api.Request");
        app.Use(async (context, next) =>
        {
            var correlationId = ValidCorrelationId(context.Request.Headers[CorrelationHeader]) ?? Guid.NewGuid().ToString("N");
            context.Items[CorrelationKey] = correlationId;
            context.Response.Headers[CorrelationHeader] = correlationId;
            using (logger.BeginScope(Scope(context, correlationId)))
            {
                await next(context);
            }
        });
        return app;
    }

    public static string CorrelationId(this HttpContext context) =>
        context.Items.TryGetValue(CorrelationKey, out var id) && id is string s ? s : context.TraceIdentifier;

    private static string? ValidCorrelationId(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => c is > ' ' and < '\u007f') ? value : null;

    private static List<KeyValuePair<string, object?>> Scope(HttpContext context, string correlationId)
    {
        var scope = new List<KeyValuePair<string, object?>>(6)
        {
            new(LogScope.CorrelationId, correlationId),
            new(LogScope.ColdStart, LogScope.NextIsColdStart()),
        };
        if (context.Request.Headers[LambdaContextHeader].ToString() is { Length: > 0 } lambda)
        {
            AddLambdaContext(scope, lambda);
        }
        if (!scope.Exists(p => p.Key == LogScope.XrayTraceId) && context.Request.Headers[TraceHeader].ToString() is { Length: > 0 } trace)
        {
            scope.Add(new(LogScope.XrayTraceId, trace));
        }
        return scope;
    }

    private static void AddLambdaContext(List<KeyValuePair<string, object?>> scope, string header)
    {
        try
        {
            using var json = JsonDocument.Parse(header);
            var root = json.RootElement;
            AddString(scope, root, "request_id", LogScope.FunctionRequestId);
            AddString(scope, root, "xray_trace_id", LogScope.XrayTraceId);
            if (root.TryGetProperty("env_config", out var env) && env.ValueKind == JsonValueKind.Object)
            {
                AddString(scope, env, "function_name", LogScope.FunctionName);
            }
        }
        catch (JsonException)
        {
            // The header is the adapter's, not the caller's; a malformed one is ignored, never fatal.
        }
    }

    private static void AddString(List<KeyValuePair<string, object?>> scope, JsonElement element, string property, string key)
    {
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
        {
            scope.Add(new(key, value.GetString()));
        }
    }
}
