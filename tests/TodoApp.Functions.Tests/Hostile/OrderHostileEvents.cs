using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using TodoApp.Core.Orders;
using static TodoApp.Functions.Tests.Hostile.HostileJson;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>SQS batches of malformed records (some aimed at real orders with corrupted bodies), and what Lambda's contract says the response must list.</summary>
internal static class OrderHostileEvents
{
    /// <summary>Records to send (plus <c>Good</c> well-formed messages at <c>Position</c>), or a whole input that is no SQS event.</summary>
    public sealed record HostileBatch(string[] Records, int Good, int Position, byte[]? Envelope);

    public static Gen<HostileBatch> Batches(string user, string other, List<Order> baits)
    {
        var corrupted = Gen.Select(Gen.OneOf(baits.Select(b => b.Id).ToArray()), Gen.Int[0, 15], (o, kind) => kind switch
        {
            0 => $"{{\"orderId\":{o.Length},\"userId\":\"{user}\"}}",
            1 => $"{{\"orderId\":\"{o.ToUpperInvariant()}\",\"userId\":\"{user}\"}}",
            2 => $"{{\"orderId\":\" {o}\",\"userId\":\"{user}\"}}",
            3 => $"{{\"orderId\":\"{o}x\",\"userId\":\"{user}\"}}",
            4 => $"{{\"orderId\":\"{o}\",\"userId\":\"{other}\"}}",
            5 => $"{{\"orderId\":\"{o}\"}}",
            6 => $"{{\"orderId\":\"{o}\",\"userId\":\"{user}\"",
            7 => $"{{\"orderId\":[\"{o}\"],\"userId\":\"{user}\"}}",
            8 => Quote(new OrderMessage(o, user, null).ToJson()),
            9 => $"{{\"orderId\":\"{o}\",\"userId\":\"{user.ToUpperInvariant()}\"}}",
            10 => $"{{\"orderId\":\"{o}\\u0000\",\"userId\":\"{user}\"}}",
            11 => $"{{\"orderId\":\"{o}\",\"userId\":\"../{user}\"}}",
            12 => $"{{\"orderId\":\"\\ud800\",\"userId\":\"{user}\"}}",
            13 => $"{{\"orderId\":\"{o}\",\"userId\":\"{user}\"}}garbage",
            14 => $"{{\"orderId\":\"{o}\",\"userId\":\"{user}\",\"orderId\":\"bad\"}}",
            _ => $"{{\"orderId\":\"{o}\",\"userId\":\"{user}\",\"userId\":null}}",
        });
        var bodies = Gen.OneOf(
            corrupted.Select(Quote),
            Gen.OneOf("", "null", "{}", "[]", "\"x\"", "{\"orderId\":", "\ud800").Select(Quote),
            Gen.String[Gen.Char, 0, 100].Select(Quote),
            Values, // a body of the wrong type (or a JSON string of anything)
            Gen.Const(default(string)!));
        var ids = Gen.Frequency((8, Gen.Guid.Select(g => Quote(g.ToString()))), (1, Gen.OneOf("\"\"", "null", "1", "[]", "{}")), (1, Gen.Const(default(string)!)));
        var attributes = Gen.OneOf<string?>(null, "{\"ApproximateReceiveCount\":\"1\"}", "{\"ApproximateReceiveCount\":5}", "{\"ApproximateReceiveCount\":\"abc\"}", "[]", "null",
            "{\"ApproximateReceiveCount\":null}");
        var messageAttributes = Gen.OneOf<string?>(null, "{\"correlationId\":null}", "{\"correlationId\":{\"stringValue\":5}}", "\"x\"",
            "{\"correlationId\":{\"stringValue\":\"c-1\",\"dataType\":\"String\"}}", "{\"correlationId\":{\"dataType\":\"String\"}}",
            "{\"correlationId\":{\"stringValue\":\"" + new string('c', 100_000) + "\",\"dataType\":\"String\"}}");
        var records = Gen.Frequency((9, Gen.Select(ids, bodies, attributes, messageAttributes, Record)), (1, Values));
        return Gen.Frequency(
            (8, Gen.Select(records.Array[1, 8], Gen.Frequency((3, Gen.Const(0)), (1, Gen.Const(1))), Gen.Int[0, 9],
                (r, good, position) => new HostileBatch(r, good, position, null))),
            (1, NotAnEvent.Select(bytes => new HostileBatch([], 0, 0, bytes))),
            (1, Values.Select(v => new HostileBatch([], 0, 0, Encoding.UTF8.GetBytes($"{{\"Records\":{v}}}")))));
    }

    public static string Record(string? idJson, string? bodyJson, string? attributesJson, string? messageAttributesJson)
    {
        var members = new List<string>();
        Add("messageId", idJson);
        members.Add("\"receiptHandle\":\"handle\"");
        Add("body", bodyJson);
        Add("attributes", attributesJson);
        Add("messageAttributes", messageAttributesJson);
        members.Add("\"eventSource\":\"aws:sqs\"");
        return "{" + string.Join(",", members) + "}";

        void Add(string name, string? json)
        {
            if (json is not null)
            {
                members.Add($"\"{name}\":{json}");
            }
        }
    }

    /// <summary>
    /// Lambda's contract for the response: every record that names itself (a non-empty string
    /// <c>messageId</c>) and is not one of the good messages is listed; any record that cannot be named, or an
    /// input that is no SQS event, makes it a whole-batch failure (an empty identifier).
    /// </summary>
    public static (HashSet<string> Failures, bool Readable) ExpectedFailures(byte[] json, HashSet<string> good)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return ([""], false);
        }
        if (root is not JsonObject envelope)
        {
            return ([""], false);
        }
        return envelope["Records"] switch
        {
            null => ([], true),
            JsonArray records => ([.. records.Select(r => r is JsonObject o && o["messageId"] is JsonValue v
                && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } id ? id : "").Where(id => !good.Contains(id))], true),
            _ => ([""], false),
        };
    }
}
