using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using TodoApp.Core.Orders;
using TodoApp.Functions.Events;
using TodoApp.Functions.Orders;
using TodoApp.Functions.Tests.Orders;
using TodoApp.Testing;
using static TodoApp.Functions.Tests.Hostile.HostileJson;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>
/// Malformed SQS events and records, some aimed at real PENDING orders ("bait") with corrupted
/// bodies, mixed with good messages: the handler never throws, the batch response lists exactly the
/// bad messages, the good ones are done, and nothing is written for a bad one.
/// </summary>
public sealed class OrderHostileEventTests
{
    private const int Cases = 400;

    [Fact]
    public async Task MalformedSqsEventsFailExactlyTheirBadMessagesAndWriteNothing()
    {
        var harness = await OrderHarness.StartAsync();
        var user = SharedSystem.NewUserId();
        var other = SharedSystem.NewUserId();
        var baits = new List<Order>();
        for (var i = 0; i < 3; i++)
        {
            baits.Add(await harness.PendingOrderAsync(user, items: 2));
        }
        using var function = harness.NewFunction();
        var accepted = new ConcurrentBag<Order>();
        var unread = new ConcurrentBag<Order>();

        await Batches(user, other, baits).SampleAsync(async batch =>
        {
            var records = batch.Records.ToList();
            var good = new List<Order>();
            var goodIds = new HashSet<string>();
            for (var i = 0; i < batch.Good; i++)
            {
                var order = await harness.PendingOrderAsync(user, items: 1);
                var (id, body) = OrderHarness.MessageFor(user, order);
                records.Insert(batch.Position % (records.Count + 1), Record(Quote(id), Quote(body), "{\"ApproximateReceiveCount\":\"1\"}", null));
                good.Add(order);
                goodIds.Add(id);
            }
            var json = batch.Envelope ?? Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", records) + "]}");
            string[] failures;
            try
            {
                failures = await InvokeAsync(function, json);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{e.GetType().Name}: {e.Message} for {Describe(json)}", e);
            }
            var (expected, readable) = ExpectedFailures(json, goodIds);
            Assert.True(expected.SetEquals(failures), $"expected [{string.Join(",", expected)}], got [{string.Join(",", failures)}] for {Describe(json)}");
            foreach (var order in good)
            {
                // In an input that does not parse (a record nested too deep) nothing is processed: Lambda retries it whole.
                (readable ? accepted : unread).Add(order);
            }
        }, iter: Cases, threads: 2, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));

        foreach (var bait in baits)
        {
            Assert.Equal(OrderStatus.Pending, (await harness.Orders.GetAsync(user, bait.Id, default))!.Status);
        }
        foreach (var order in accepted)
        {
            Assert.Equal(OrderStatus.Accepted, (await harness.Orders.GetAsync(user, order.Id, default))!.Status);
        }
        foreach (var order in unread)
        {
            Assert.Equal(OrderStatus.Pending, (await harness.Orders.GetAsync(user, order.Id, default))!.Status);
        }
        Assert.Equal(accepted.Select(o => Order.TodoIdFor(o.Id, 0)).Order(), (await TodoIdsAsync(user)).Order());
        Assert.Empty(await TodoIdsAsync(other));
        Assert.Empty((await harness.Orders.ListAsync(other, 10, null, default)).Items);
        // The control: the bait orders were processable all along.
        Assert.Empty(await OrderHarness.InvokeAsync(function, [.. baits.Concat(unread).Select(b => OrderHarness.MessageFor(user, b))]));
        Assert.Equal(accepted.Count + unread.Count + 6, (await TodoIdsAsync(user)).Count);
    }

    [Theory]
    [InlineData("{\"Records\":[{\"messageId\":\"m1\",\"body\":\"x\",\"messageAttributes\":{\"correlationId\":null}}]}", "m1")]
    [InlineData("{\"Records\":[{\"messageId\":\"m1\",\"body\":\"x\",\"attributes\":{\"ApproximateReceiveCount\":5}}]}", "m1")]
    [InlineData("{\"Records\":[{\"body\":\"x\"}]}", "")]
    [InlineData("{\"Records\":5}", "")]
    [InlineData("not json", "")]
    public async Task ARecordLambdaWouldNeverSendIsReportedNotThrown(string json, string failure)
    {
        var harness = await OrderHarness.StartAsync();
        using var function = harness.NewFunction();

        Assert.Equal(new[] { failure }, await InvokeAsync(function, Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Records to send (plus <c>Good</c> well-formed messages at <c>Position</c>), or a whole input that is no SQS event.</summary>
    private sealed record HostileBatch(string[] Records, int Good, int Position, byte[]? Envelope);

    private static Gen<HostileBatch> Batches(string user, string other, List<Order> baits)
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

    private static string Record(string? idJson, string? bodyJson, string? attributesJson, string? messageAttributesJson)
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
    private static (HashSet<string> Failures, bool Readable) ExpectedFailures(byte[] json, HashSet<string> good)
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

    private static async Task<string[]> InvokeAsync(OrderProcessorFunction function, byte[] json)
    {
        await using var output = await function.HandleAsync(new MemoryStream(json));
        var response = await JsonSerializer.DeserializeAsync(output, SqsEventJsonContext.Default.SqsBatchResponse);
        return [.. response!.BatchItemFailures.Select(f => f.ItemIdentifier)];
    }

    private static async Task<List<string>> TodoIdsAsync(string userId)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(userId);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<JsonObject>("/api/todos?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            ids.AddRange(page["items"]!.AsArray().Select(t => (string)t!["id"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return ids;
    }

    private static string Describe(byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        return text.Length > 400 ? text[..400] + $"...({text.Length})" : text;
    }
}
