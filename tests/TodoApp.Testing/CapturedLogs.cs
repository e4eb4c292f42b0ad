using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TodoApp.Core.Observability;

namespace TodoApp.Testing;

/// <summary>
/// A logger factory that writes exactly the JSON lines production writes (same formatter, scopes
/// included) into memory, so tests can assert on what an operator would see in CloudWatch.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly StringWriter _output = new();
    private readonly LoggerExternalScopeProvider _scopes = new();
    private readonly JsonLogFormatter _formatter = new(new FixedOptions(new JsonLogFormatterOptions { Service = "test", IncludeScopes = true }));

    public ILoggerFactory Factory => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Trace));

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

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

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
