using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TodoApp.Testing;

/// <summary>
/// A logger provider added to a running system's logger factory: it copies every entry that passes
/// the system's own level filters into the captures open at the time, so a test can read what the
/// shared system logged while it ran (and tell its lines from other tests' by their scope fields).
/// </summary>
public sealed class LogTap : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<CapturedLogs, byte> _captures = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Captures from now until the result is disposed.</summary>
    public CapturedLogs Start()
    {
        var capture = new CapturedLogs();
        capture.Detach = () => _captures.TryRemove(capture, out _);
        _captures[capture] = 0;
        return capture;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _captures.Clear();

    private sealed class Logger(LogTap tap, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => tap._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => !tap._captures.IsEmpty;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            foreach (var capture in tap._captures.Keys)
            {
                capture.Write(category, logLevel, eventId, state, exception, formatter, tap._scopes);
            }
        }
    }
}
