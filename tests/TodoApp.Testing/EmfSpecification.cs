using System.Text.Json;

namespace TodoApp.Testing;

/// <summary>
/// The structural rules of the CloudWatch Embedded Metric Format specification, checked on a parsed
/// line; returns what is wrong, so a test can show every violation at once.
/// </summary>
public static class EmfSpecification
{
    private static readonly HashSet<string> Units = ["Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
        "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
        "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second",
        "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None"];

    public static List<string> Violations(JsonElement root)
    {
        var errors = new List<string>();
        if (!root.TryGetProperty("_aws", out var aws) || aws.ValueKind != JsonValueKind.Object)
        {
            return ["_aws object missing"];
        }
        if (!aws.TryGetProperty("Timestamp", out var ts) || ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out var ms) || ms <= 0)
        {
            errors.Add("_aws.Timestamp must be a positive integer (epoch milliseconds)");
        }
        if (!aws.TryGetProperty("CloudWatchMetrics", out var directives) || directives.ValueKind != JsonValueKind.Array || directives.GetArrayLength() == 0)
        {
            errors.Add("_aws.CloudWatchMetrics must be a non-empty array");
            return errors;
        }
        foreach (var directive in directives.EnumerateArray())
        {
            if (!directive.TryGetProperty("Namespace", out var ns) || ns.ValueKind != JsonValueKind.String || ns.GetString()!.Length is 0 or > 1024)
            {
                errors.Add("Namespace must be a 1-1024 character string");
            }
            if (!directive.TryGetProperty("Dimensions", out var dimensionSets) || dimensionSets.ValueKind != JsonValueKind.Array)
            {
                errors.Add("Dimensions must be an array of dimension sets");
            }
            else
            {
                foreach (var set in dimensionSets.EnumerateArray())
                {
                    if (set.ValueKind != JsonValueKind.Array || set.GetArrayLength() > 30)
                    {
                        errors.Add("each dimension set must be an array of at most 30 names");
                        continue;
                    }
                    foreach (var name in set.EnumerateArray())
                    {
                        if (name.ValueKind != JsonValueKind.String || !root.TryGetProperty(name.GetString()!, out var value) || value.ValueKind != JsonValueKind.String)
                        {
                            errors.Add($"dimension {name} must name a top-level string member");
                        }
                    }
                }
            }
            if (!directive.TryGetProperty("Metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array || metrics.GetArrayLength() is 0 or > 100)
            {
                errors.Add("Metrics must be an array of 1-100 metric definitions");
                continue;
            }
            foreach (var metric in metrics.EnumerateArray())
            {
                var name = metric.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
                if (name is null || name.Length is 0 or > 1024)
                {
                    errors.Add("each metric needs a Name of 1-1024 characters");
                    continue;
                }
                if (metric.TryGetProperty("Unit", out var unit) && (unit.ValueKind != JsonValueKind.String || !Units.Contains(unit.GetString()!)))
                {
                    errors.Add($"metric {name} has an invalid Unit {unit}");
                }
                if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"metric {name} must have a top-level numeric value");
                }
            }
        }
        return errors;
    }
}
