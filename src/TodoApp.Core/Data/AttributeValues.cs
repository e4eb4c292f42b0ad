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

    public static DateTimeOffset GetTime(this Dictionary<string, AttributeValue> item, string name) => ParseTime(item.GetString(name));

    public static DateTimeOffset? GetTimeOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetStringOrNull(name) is { } s ? ParseTime(s) : null;

    /// <summary>
    /// A list page parses three times per item, and the general parser was most of the item mapping's
    /// cost: what <see cref="Time"/> writes is read by a fixed-layout parser, anything else by the general one.
    /// </summary>
    public static DateTimeOffset ParseTime(string value) =>
        TryParseUtcRoundTrip(value, out var time) ? time : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Exactly <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, the "O" format of a UTC time.</summary>
    private static bool TryParseUtcRoundTrip(string s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length != 28 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[27] != 'Z' ||
            !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
            !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second) ||
            !Digits(s, 20, 7, out var fraction) ||
            year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction), TimeSpan.Zero);
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        return true;
    }

    public static DateOnly? GetDateOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetStringOrNull(name) is { } s ? DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    public static IReadOnlyList<string> GetStringList(this Dictionary<string, AttributeValue> item, string name) =>
        // SDK v4 returns null, not an empty list, for an absent or empty collection.
        item.TryGetValue(name, out var value) && value.L is { } list ? list.Select(v => v.S).ToArray() : [];
}
