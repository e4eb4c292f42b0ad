using System.Text.Json;
using TodoApp.Core.Observability;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Puts the correlation id and, on Lambda, the invocation's context (which the Lambda Web Adapter
/// passes in <c>x-amzn-lambda-context</c>) into a logging scope, so every log line carries them.
/// It runs first, outside the exception handler, so error lines and problem answers carry them too.
/// </summary>
public static class RequestContext
{
    public const string CorrelationHeader = "x-correlation-id";
    private const string LambdaContextHeader = "x-amzn-lambda-context";

    /// <summary>The Lambda Web Adapter's readiness probe: polled before the first invocation, never one itself.</summary>
    public const string HealthPath = "/healthz";
    private static readonly object CorrelationKey = new();

    public static WebApplication UseRequestContext(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TodoApp.Api.Request");
        var coldStart = app.Services.GetRequiredService<ColdStart>();
        app.Use(async (context, next) =>
        {
            var correlationId = ValidCorrelationId(context.Request.Headers[CorrelationHeader]) ?? Guid.NewGuid().ToString("N");
            context.Items[CorrelationKey] = correlationId;
            // Set as the answer starts, not now: the exception handler clears headers before a 5xx.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[CorrelationHeader] = http.CorrelationId();
                return Task.CompletedTask;
            }, context);
            // The readiness probe must not use up the cold start: the first invocation after it is the cold one.
            var isColdStart = !context.Request.Path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase) && coldStart.Next();
            using (logger.BeginScope(Scope(context, correlationId, isColdStart)))
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

    private static List<KeyValuePair<string, object?>> Scope(HttpContext context, string correlationId, bool isColdStart)
    {
        var scope = new List<KeyValuePair<string, object?>>(6)
        {
            new(LogScope.CorrelationId, correlationId),
            new(LogScope.ColdStart, isColdStart),
        };
        if (context.Request.Headers[LambdaContextHeader].ToString() is { Length: > 0 } lambda)
        {
            AddLambdaContext(scope, lambda);
        }
        if (!scope.Exists(p => p.Key == LogScope.XrayTraceId) && context.Request.Headers[XRayTraceHeader.HttpHeader].ToString() is { Length: > 0 } trace)
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
