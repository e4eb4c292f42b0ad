using System.Diagnostics;

namespace TodoApp.Core.Observability;

/// <summary>
/// Reads X-Ray's trace header (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c>)
/// as a W3C parent context: the root without its <c>1-</c> and dash is a W3C trace id, so a span
/// started under it, and every log line written inside that span, carries X-Ray's own trace id.
/// </summary>
public static class XRayTraceHeader
{
    /// <summary>The variable the managed Lambda runtime sets for each invocation.</summary>
    public const string EnvironmentVariable = "_X_AMZN_TRACE_ID";

    /// <summary>The request header the Lambda Web Adapter passes the same value in.</summary>
    public const string HttpHeader = "x-amzn-trace-id";

    public static bool TryParse(string? header, out ActivityContext context)
    {
        context = default;
        string? root = null, parent = null;
        var sampled = false;
        foreach (var part in (header ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal))
            {
                root = part[5..];
            }
            else if (part.StartsWith("Parent=", StringComparison.Ordinal))
            {
                parent = part[7..];
            }
            else if (part == "Sampled=1")
            {
                sampled = true;
            }
        }
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-' || parent is not { Length: 16 })
        {
            return false;
        }
        var traceId = string.Concat(root.AsSpan(2, 8), root.AsSpan(11, 24));
        if (!IsLowerHex(traceId) || !IsLowerHex(parent) || traceId.All(c => c == '0') || parent.All(c => c == '0'))
        {
            return false;
        }
        context = new ActivityContext(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateFromString(parent),
            sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None, isRemote: true);
        return true;
    }

    /// <summary>The same parent as a W3C <c>traceparent</c> value, or null.</summary>
    public static string? ToTraceParent(string? header) =>
        TryParse(header, out var context)
            ? $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags == ActivityTraceFlags.Recorded ? "01" : "00")}"
            : null;

    private static bool IsLowerHex(string value) => value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
