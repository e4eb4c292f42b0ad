using System.Diagnostics;
using TodoApp.Core.Observability;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Parents each request's activity on the caller's <c>traceparent</c>, or else on the X-Ray header the
/// Lambda Web Adapter passes (<c>x-amzn-trace-id</c>): on Lambda the request's <c>trace_id</c> is then
/// X-Ray's trace id, and the lines of one invocation are found from its X-Ray trace.
/// </summary>
internal sealed class XRayPropagator(DistributedContextPropagator inner) : DistributedContextPropagator
{
    private const string XRayHeader = "x-amzn-trace-id";

    public override IReadOnlyCollection<string> Fields { get; } = [.. inner.Fields, XRayHeader];

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
        if (traceId is null && getter is not null)
        {
            getter(carrier, XRayHeader, out var header, out _);
            traceId = XRayTraceHeader.ToTraceParent(header);
        }
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        inner.ExtractBaggage(carrier, getter);

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        inner.Inject(activity, carrier, setter);
}
