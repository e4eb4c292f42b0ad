using System.Globalization;
using System.Text.Json;

namespace TodoApp.Core.Observability;

public enum MetricUnit
{
    Count,
    Milliseconds,
    Bytes,
}

/// <summary>
/// Business metrics as CloudWatch Embedded Metric Format lines (namespace <c>TodoApp</c>, dimension
/// <c>service</c>): CloudWatch turns each line into a metric with no API call and no agent.
/// One small writer for every feature; it writes whole lines, so output never interleaves.
/// </summary>
public sealed class Metrics(string service, TextWriter? output = null, TimeProvider? clock = null)
{
    public const string Namespace = "TodoApp";

    private readonly TextWriter _output = output ?? Console.Out;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();

    public string Service { get; } = service;

    /// <summary>Emits one metric; <paramref name="properties"/> are searchable fields, not dimensions.</summary>
    public void Emit(string name, double value, MetricUnit unit = MetricUnit.Count, IEnumerable<KeyValuePair<string, string>>? properties = null)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("service");
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", name);
            json.WriteString("Unit", unit.ToString());
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("service", Service);
            foreach (var (key, text) in properties ?? [])
            {
                if (key != name && key != "service" && key != "_aws")
                {
                    json.WriteString(key, text);
                }
            }
            json.WriteNumber(name, Math.Round(value, 3));
            json.WriteEndObject();
        }
        var line = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (_gate)
        {
            _output.Write(line + "\n");
            _output.Flush();
        }
    }

    public void Count(string name, int count = 1) => Emit(name, count);

    public void Duration(string name, TimeSpan elapsed) =>
        Emit(name, elapsed.TotalMilliseconds, MetricUnit.Milliseconds);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Metrics({Service})");
}
