using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TodoApp.Core.Observability;

namespace TodoApp.Testing;

/// <summary>
/// A logger factory that writes exactly the JSON lines production writes (same formatter, scopes
/// included) into memory, so tests can assert on what an operator would see in CloudWatch. Added to
/// an application's logger factory it shares that factory's scopes, as the console provider does.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly StringWriter _output = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    private readonly JsonLogFormatter _formatter = new(new FixedOptions(new JsonLogFormatterOptions { Service = "test", IncludeScopes = true }));

    private ILoggerFactory? _factory;

    /// <summary>One factory per capture: a second would hand this provider a second scope provider.</summary>
    public ILoggerFactory Factory => _factory ??= LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

    public string Text
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Every line parsed; each is a JSON object, as CloudWatch Logs Insights would read it.</summary>
    public IReadOnlyList<JsonElement> Lines() =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();

    /// <summary>The lines whose <paramref name="key"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<JsonElement> LinesWith(string key, string value) =>
        Lines().Where(l => l.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._output)
            {
                owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, owner._output);
            }
        }
    }

    private sealed class FixedOptions(JsonLogFormatterOptions value) : IOptionsMonitor<JsonLogFormatterOptions>
    {
        public JsonLogFormatterOptions CurrentValue => value;
        public JsonLogFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<JsonLogFormatterOptions, string?> listener) => null;
    }
}
