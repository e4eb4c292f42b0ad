using System.Diagnostics;
using TodoApp.Core.Observability;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Parents each request's activity on the X-Ray header the Lambda Web Adapter passes
/// (<c>x-amzn-trace-id</c>), or where there is none on the caller's <c>traceparent</c>: on Lambda the
/// request's <c>trace_id</c> is then X-Ray's trace id, and the lines of one invocation are found from
/// its X-Ray trace.
/// </summary>
internal sealed class XRayPropagator(DistributedContextPropagator inner) : DistributedContextPropagator
{
    public override IReadOnlyCollection<string> Fields { get; } = [.. inner.Fields, XRayTraceHeader.HttpHeader];

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        // Lambda's own header wins: on Lambda a caller's traceparent must not pick the trace (and the
        // sampling decision) our spans are exported to X-Ray under.
        if (getter is not null)
        {
            getter(carrier, XRayTraceHeader.HttpHeader, out var header, out _);
            if (XRayTraceHeader.ToTraceParent(header) is { } xray)
            {
                traceId = xray;
                traceState = null;
                return;
            }
        }
        inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        inner.ExtractBaggage(carrier, getter);

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        inner.Inject(activity, carrier, setter);
}
