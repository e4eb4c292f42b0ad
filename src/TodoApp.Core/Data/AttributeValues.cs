using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace TodoApp.Core.Data;

/// <summary>Small, allocation-conscious helpers for reading and writing DynamoDB attribute maps.</summary>
public static class AttributeValues
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue Time(DateTimeOffset value) => new() { S = value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };

    public static AttributeValue Date(DateOnly value) => new() { S = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    public static AttributeValue List(IEnumerable<string> values) => new() { L = values.Select(S).ToList() };

    public static string GetString(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is not null
            ? value.S
            : throw new InvalidDataException($"Item attribute '{name}' is missing or not a string.");

    public static string? GetStringOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long GetLong(this Dictionary<string, AttributeValue> item, string name) =>
        long.Parse(item.TryGetValue(name, out var value) && value.N is not null ? value.N : "0", CultureInfo.InvariantCulture);

    public static bool GetBool(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.BOOL == true;

    public static DateTimeOffset GetTime(this Dictionary<string, AttributeValue> item, string name) =>
        DateTimeOffset.Parse(item.GetString(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? GetTimeOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetStringOrNull(name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    public static DateOnly? GetDateOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetStringOrNull(name) is { } s ? DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    public static IReadOnlyList<string> GetStringList(this Dictionary<string, AttributeValue> item, string name) =>
        // SDK v4 returns null, not an empty list, for an absent or empty collection.
        item.TryGetValue(name, out var value) && value.L is { } list ? list.Select(v => v.S).ToArray() : [];
}
