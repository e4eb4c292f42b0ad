using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TodoApp.Core.Observability;

/// <summary>
/// One finished span as an X-Ray subsegment document sent on its own (<c>type</c>, <c>trace_id</c>,
/// <c>parent_id</c>): the parent is the span's parent, which for the outermost span is X-Ray's own
/// (the Lambda function segment named in the trace header). Written with Utf8JsonWriter, no reflection.
/// </summary>
internal static class XRaySubsegment
{
    private const int MaxNameLength = 200;

    public static void Write(IBufferWriter<byte> output, Activity activity)
    {
        using var json = new Utf8JsonWriter(output);
        // The SDK's call span; its HttpRequest and CredentialsRetrieval children carry the same rpc tags.
        var isAws = activity.Kind == ActivityKind.Client && activity.GetTagItem("rpc.system") as string == "aws-api";
        var status = StatusCode(activity);
        json.WriteStartObject();
        // X-Ray names an AWS call after its service (one "DynamoDB" node in the map), the call itself is aws.operation.
        json.WriteString("name", Name(isAws ? activity.GetTagItem("rpc.service") as string ?? activity.DisplayName : activity.DisplayName));
        json.WriteString("id", activity.SpanId.ToHexString());
        json.WriteString("trace_id", TraceId(activity.TraceId));
        json.WriteString("parent_id", activity.ParentSpanId.ToHexString());
        json.WriteNumber("start_time", EpochSeconds(activity.StartTimeUtc));
        json.WriteNumber("end_time", EpochSeconds(activity.StartTimeUtc + activity.Duration));
        json.WriteString("type", "subsegment");
        if (isAws || activity.Kind == ActivityKind.Client)
        {
            json.WriteString("namespace", isAws ? "aws" : "remote");
        }
        // 5xx (or a failure with no client-side answer) is a fault, 4xx the caller's error.
        if (status >= 500 || (status is null or < 400 && activity.Status == ActivityStatusCode.Error))
        {
            json.WriteBoolean("fault", true);
        }
        else if (status >= 400)
        {
            json.WriteBoolean("error", true);
            if (status == 429)
            {
                json.WriteBoolean("throttle", true);
            }
        }
        WriteHttp(json, activity, status);
        if (isAws)
        {
            json.WriteStartObject("aws");
            WriteTag(json, "operation", activity, "rpc.method");
            WriteTag(json, "request_id", activity, "aws.request_id");
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>X-Ray's form of a W3C trace id: <c>1-{8 hex of epoch seconds}-{24 hex}</c>.</summary>
    public static string TraceId(ActivityTraceId traceId)
    {
        var hex = traceId.ToHexString();
        return string.Concat("1-", hex.AsSpan(0, 8), "-", hex.AsSpan(8));
    }

    /// <summary>X-Ray accepts up to 200 letters, digits, spaces and <c>_ . : / % &amp; # = + \ - @</c>.</summary>
    public static string Name(string name)
    {
        var length = Math.Min(name.Length, MaxNameLength);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = name[i];
            chars[i] = char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || "_.:/%&#=+\\-@".Contains(c, StringComparison.Ordinal) ? c : '_';
        }
        return length == 0 ? "span" : new string(chars);
    }

    private static void WriteHttp(Utf8JsonWriter json, Activity activity, int? status)
    {
        var method = activity.GetTagItem("http.request.method") as string;
        if (method is null && status is null)
        {
            return;
        }
        json.WriteStartObject("http");
        if (method is not null)
        {
            json.WriteStartObject("request");
            json.WriteString("method", method);
            WriteTag(json, "url", activity, "url.path");
            json.WriteEndObject();
        }
        if (status is not null)
        {
            json.WriteStartObject("response");
            json.WriteNumber("status", status.Value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteTag(Utf8JsonWriter json, string name, Activity activity, string tag)
    {
        if (activity.GetTagItem(tag) is { } value)
        {
            json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    // ASP.NET Core tags the answer with the semantic-convention name, the AWS SDK with the older one.
    private static int? StatusCode(Activity activity) =>
        (activity.GetTagItem("http.response.status_code") ?? activity.GetTagItem("http.status_code")) switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };

    private static double EpochSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
