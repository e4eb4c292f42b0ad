using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TodoApp.Functions.Events;

/// <summary>
/// The <c>Records</c> of an S3 or SQS event, each kept as raw JSON, so a malformed record is judged
/// on its own instead of failing the parse of the whole event (and with it every good record).
/// </summary>
public static class EventRecords
{
    /// <summary>
    /// Null when the input is not an event at all: not JSON, not an object, or <c>Records</c> not an
    /// array. An event without <c>Records</c> (or with null) has no records.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>?> ReadAsync(Stream input)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(input);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (!root.TryGetProperty("Records", out var records) || records.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            return records.ValueKind == JsonValueKind.Array ? [.. records.EnumerateArray().Select(r => r.Clone())] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One record as <typeparamref name="T"/>, or null when it does not have that shape.</summary>
    public static T? As<T>(JsonElement record, JsonTypeInfo<T> type) where T : class
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        try
        {
            return record.Deserialize(type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string member of a record, for naming a record whose other members are malformed.</summary>
    public static string? StringMember(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
