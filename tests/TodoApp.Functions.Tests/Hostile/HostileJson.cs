using System.Text;
using System.Text.Json;
using CsCheck;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>The building blocks of malformed events: hostile JSON values and inputs that are not JSON at all.</summary>
internal static class HostileJson
{
    /// <summary>JSON texts of every kind: wrong types, out-of-range numbers, odd strings, deep nesting, huge strings.</summary>
    public static readonly Gen<string> Values = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "0", "-1", "1.5", "1e309", "9999999999999999999999", "\"\"", "[]", "{}", "[null]", "[1,\"a\",{}]",
            "\"\\u0000\"", "\"\\ud800\"", "\"%\"", "\"%ZZ\"", "\"%C3%28\"", "\"../../etc/passwd\"", "\"2030-02-30T25:00:00Z\"", "{\"a\":{\"b\":{}}}"),
        Gen.String[Gen.Char, 0, 200].Select(s => JsonSerializer.Serialize(s)),
        Gen.Int[1, 100].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1_000, 200_000].Select(n => "\"" + new string('x', n) + "\""));

    /// <summary>Inputs no AWS service sends: not JSON, truncated, invalid UTF-8, too deep, a bare value.</summary>
    public static readonly Gen<byte[]> NotAnEvent = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.OneOf("", " ", "{", "{\"Records\":", "{\"Records\":[}", "{'Records':[]}", "{\"Records\":[]}garbage", "\uFEFF", "[]", "null", "\"Records\"")
            .Select(Encoding.UTF8.GetBytes),
        Gen.Const(new byte[] { 0x7B, 0x22, 0x52, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D }),
        Gen.Int[65, 3_000].Select(depth => Encoding.UTF8.GetBytes("{\"Records\":" + new string('[', depth) + new string(']', depth) + "}")),
        Values.Where(v => !v.StartsWith('{')).Select(Encoding.UTF8.GetBytes));

    public static string Quote(string value) => JsonSerializer.Serialize(value);

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));
}
