using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace TodoApp.Core.Observability;

public sealed class JsonLogFormatterOptions : ConsoleFormatterOptions
{
    public string Service { get; set; } = Environment.GetEnvironmentVariable("SERVICE_NAME") ?? "todoapp";
}

/// <summary>
/// One JSON object per line with the keys Powertools for AWS Lambda uses, so existing CloudWatch
/// Logs Insights queries work: the Lambda fields come from logging scopes (see <see cref="LogScope"/>),
/// then the message template's own fields.
/// </summary>
public sealed class JsonLogFormatter(IOptionsMonitor<JsonLogFormatterOptions> options) : ConsoleFormatter(Name)
{
    public new const string Name = "todoapp-json";

    private static readonly string? FunctionName = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME");

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("message", message);
            json.WriteString("service", options.CurrentValue.Service);
            json.WriteString("logger", logEntry.Category);
            var written = new HashSet<string>(StringComparer.Ordinal) { "timestamp", "level", "message", "service", "logger" };
            var scopes = new List<IEnumerable<KeyValuePair<string, object?>>>(4);
            scopeProvider?.ForEachScope(static (scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.Add(pairs);
                }
            }, scopes);
            // Innermost first, so a nested scope (a correlation id read back from a stored item)
            // overrides the invocation's; a null value never hides an outer one.
            for (var i = scopes.Count - 1; i >= 0; i--)
            {
                WritePairs(json, scopes[i], written, skipNulls: true);
            }
            if (FunctionName is not null && written.Add("function_name"))
            {
                json.WriteString("function_name", FunctionName);
            }
            // Next to xray_trace_id, not instead of it: the X-Ray id names Lambda's segments, this one
            // our spans (the same id when the span's parent came from the X-Ray header).
            if (Activity.Current is { } activity && written.Add("trace_id"))
            {
                json.WriteString("trace_id", activity.TraceId.ToHexString());
            }
            if (logEntry.State is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                WritePairs(json, fields, written, skipNulls: false);
            }
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception_name", exception.GetType().FullName);
                json.WriteString("exception", exception.ToString());
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WritePairs(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> pairs, HashSet<string> written, bool skipNulls)
    {
        foreach (var (key, value) in pairs)
        {
            if (key == "{OriginalFormat}" || (skipNulls && value is null) || !written.Add(key))
            {
                continue;
            }
            WriteValue(json, key, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case string s: json.WriteString(key, s); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
            case decimal m: json.WriteNumber(key, m); break;
            case DateTimeOffset t: json.WriteString(key, t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: json.WriteNumber(key, Math.Round(span.TotalMilliseconds, 3)); break;
            default: json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => "None",
    };
}

public static class JsonLoggingExtensions
{
    /// <summary>Replaces the console output with <see cref="JsonLogFormatter"/> lines.</summary>
    public static ILoggingBuilder AddJsonLogging(this ILoggingBuilder logging, string service)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = JsonLogFormatter.Name);
        // AddConsoleFormatter binds options from configuration by reflection (not AOT-safe);
        // registering the formatter directly keeps the API warning-free under Native AOT.
        logging.Services.Configure<JsonLogFormatterOptions>(o =>
        {
            o.Service = service;
            o.IncludeScopes = true;
        });
        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, JsonLogFormatter>());
        return logging;
    }
}
