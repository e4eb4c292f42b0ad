namespace TodoApp.Core.Observability;

/// <summary>
/// The keys every log line carries, set once per request or invocation as a logging scope.
/// Names match Powertools for AWS Lambda so existing queries keep working.
/// </summary>
public static class LogScope
{
    public const string ColdStart = "cold_start";
    public const string FunctionName = "function_name";
    public const string FunctionRequestId = "function_request_id";
    public const string XrayTraceId = "xray_trace_id";
    public const string CorrelationId = "correlation_id";

    /// <summary>True for the first invocation of this process only.</summary>
    public static bool NextIsColdStart() => Observability.ColdStart.Process.Next();
}
