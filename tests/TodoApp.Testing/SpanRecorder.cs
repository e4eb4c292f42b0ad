using System.Collections.Concurrent;
using System.Diagnostics;
using TodoApp.Core.Observability;

namespace TodoApp.Testing;

/// <summary>
/// Records every span of our sources (and ASP.NET Core's request activities) as it stops, as an
/// exporter would see it. Listeners are process-wide: find your own spans by trace or span id.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = Tracing.IsOurs,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<Activity> Stopped => _stopped;

    public void Dispose() => _listener.Dispose();
}
