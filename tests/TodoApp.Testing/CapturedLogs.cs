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
/// an application's logger factory it shares that factory's scopes, as the console provider does. Also
/// what <see cref="SharedSystem.CaptureLogsAsync"/> hands out: the shared system's lines while it is open.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly StringWriter _output = new();
    private readonly JsonLogFormatter _formatter = new(new FixedOptions(new JsonLogFormatterOptions { Service = "test", IncludeScopes = true }));
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Set by <see cref="LogTap"/>: disposing the capture stops it.</summary>
    internal Action? Detach { get; set; }

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

    /// <summary>Every line parsed; each is a JSON object with the production keys, as CloudWatch Logs Insights would read it.</summary>
    public IReadOnlyList<JsonElement> Lines() =>
        [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    /// <summary>The lines whose <paramref name="key"/> is <paramref name="value"/>.</summary>
    public IReadOnlyList<JsonElement> LinesWith(string key, string value) =>
        Lines().Where(l => l.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value).ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    internal void Write<TState>(string category, LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter, IExternalScopeProvider scopes)
    {
        lock (_output)
        {
            _formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), scopes, _output);
        }
    }

    public void Dispose() => Detach?.Invoke();

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Write(category, logLevel, eventId, state, exception, formatter, owner._scopes);
    }

    private sealed class FixedOptions(JsonLogFormatterOptions value) : IOptionsMonitor<JsonLogFormatterOptions>
    {
        public JsonLogFormatterOptions CurrentValue => value;
        public JsonLogFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<JsonLogFormatterOptions, string?> listener) => null;
    }
}
