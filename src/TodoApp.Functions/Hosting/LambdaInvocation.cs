using System.Text.Json;
using System.Text.Json.Serialization;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// The invocation the Lambda Web Adapter is forwarding, from its <c>x-amzn-lambda-context</c> header: the
/// Rust runtime's <c>Context</c> as JSON (<c>request_id</c>, <c>deadline</c> in Unix milliseconds,
/// <c>invoked_function_arn</c>, <c>xray_trace_id</c>, ...). Set by the host for the length of one
/// invocation, so <see cref="FunctionHost.BeginInvocation"/> logs Lambda's own request id.
/// </summary>
public sealed record LambdaInvocation(
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("deadline")] long DeadlineMs,
    [property: JsonPropertyName("invoked_function_arn")] string? InvokedFunctionArn,
    [property: JsonPropertyName("xray_trace_id")] string? XrayTraceId)
{
    public const string Header = "x-amzn-lambda-context";

    private static readonly AsyncLocal<LambdaInvocation?> CurrentInvocation = new();

    /// <summary>The invocation this code runs for; null outside Lambda (tests, the local host).</summary>
    public static LambdaInvocation? Current
    {
        get => CurrentInvocation.Value;
        set => CurrentInvocation.Value = value;
    }

    /// <summary>When Lambda stops the invocation; null when the adapter sent no deadline.</summary>
    public DateTimeOffset? Deadline => DeadlineMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(DeadlineMs) : null;

    /// <summary>Null when the header is absent or not the adapter's JSON: the invocation still runs, with the event's ids.</summary>
    public static LambdaInvocation? Parse(string? header) =>
        AdapterHeader.Parse(header, LambdaInvocationJsonContext.Default.LambdaInvocation);
}

[JsonSerializable(typeof(LambdaInvocation))]
internal sealed partial class LambdaInvocationJsonContext : JsonSerializerContext;
