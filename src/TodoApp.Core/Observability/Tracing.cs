using System.Diagnostics;
using Amazon.Runtime.Telemetry;
using Amazon.Runtime.Telemetry.Tracing;

namespace TodoApp.Core.Observability;

/// <summary>
/// Spans for handlers and endpoints via <see cref="ActivitySource"/>, and for every AWS SDK call
/// through AWSSDK.Core's telemetry hooks, adapted to the same source, so an exporter (or the local
/// console listener) sees one tree: endpoint → DynamoDB PutItem.
/// </summary>
public static class Tracing
{
    public const string SourceName = "TodoApp";
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>ASP.NET Core's request activities (the API's endpoint spans).</summary>
    public const string AspNetCoreSourceName = "Microsoft.AspNetCore";

    /// <summary>The sources an exporter of ours listens to: our spans and ASP.NET Core's request activities.</summary>
    public static bool IsOurs(ActivitySource source) => source.Name is SourceName or AspNetCoreSourceName;

    private static int _registered;

    /// <summary>Idempotent: call once per process before the first AWS client is used.</summary>
    public static void RegisterAwsSdkSpans()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Amazon.AWSConfigs.TelemetryProvider.RegisterTracerProvider(new ActivityTracerProvider());
        }
    }

    /// <summary>
    /// The span of one Lambda invocation (or one record of it): a child of the invocation's X-Ray
    /// trace when the runtime set one, else of the current activity. Null when nothing listens.
    /// </summary>
    public static Activity? StartInvocation(string name, ActivityKind kind)
    {
        var parent = Activity.Current is null && XRayTraceHeader.TryParse(Environment.GetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable), out var xray)
            ? xray
            : default;
        return Source.StartActivity(name, kind, parent);
    }

    /// <summary>Prints finished spans as JSON-ish lines; the local "console exporter".</summary>
    public static IDisposable ListenToConsole(TextWriter output)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = IsOurs,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => output.WriteLine(
                $"{{\"span\":\"{a.DisplayName}\",\"trace_id\":\"{a.TraceId}\",\"span_id\":\"{a.SpanId}\",\"parent_id\":\"{a.ParentSpanId}\",\"duration_ms\":{a.Duration.TotalMilliseconds:F1},\"status\":\"{a.Status}\"}}"),
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

internal sealed class ActivityTracerProvider : TracerProvider
{
    // The SDK asks for a tracer on every span; one stateless tracer serves every scope.
    public override Tracer GetTracer(string scope) => ActivityTracer.Instance;
}

internal sealed class ActivityTracer : Tracer
{
    public static readonly ActivityTracer Instance = new();

    public override TraceSpan CreateSpan(string name, Attributes initialAttributes, SpanKind spanKind, SpanContext parentContext)
    {
        // Nobody listening (or sampling this span out): no activity, no tags, one shared span that does nothing.
        var activity = Tracing.Source.HasListeners()
            ? Tracing.Source.StartActivity(name, spanKind == SpanKind.CLIENT ? ActivityKind.Client : ActivityKind.Internal)
            : null;
        if (activity is null)
        {
            return ActivitySpan.None;
        }
        if (activity.IsAllDataRequested)
        {
            foreach (var (key, value) in initialAttributes?.AllAttributes ?? [])
            {
                activity.SetTag(key, value);
            }
        }
        return new ActivitySpan(activity);
    }
}

/// <summary>The SDK ends spans with Dispose(), not always End(): both stop the activity once.</summary>
internal sealed class ActivitySpan(Activity? activity) : TraceSpan
{
    /// <summary>Stateless, so one instance can be handed out (and disposed) any number of times.</summary>
    public static readonly ActivitySpan None = new(null);

    public override void EmitEvent(string name, Attributes attributes) => activity?.AddEvent(new ActivityEvent(name));

    public override void SetAttribute(string key, object value) => activity?.SetTag(key, value);

    public override void SetStatus(SpanStatus status) =>
        activity?.SetStatus(status == SpanStatus.ERROR ? ActivityStatusCode.Error : status == SpanStatus.OK ? ActivityStatusCode.Ok : ActivityStatusCode.Unset);

    public override void RecordException(Exception exception, Attributes attributes)
    {
        activity?.AddException(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }

    public override void End() => activity?.Stop();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            activity?.Dispose();
        }
        base.Dispose(disposing);
    }
}
