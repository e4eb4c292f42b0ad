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

        await OrderHostileEvents.Batches(user, other, baits).SampleAsync(async batch =>
        {
            var records = batch.Records.ToList();
            var good = new List<Order>();
            var goodIds = new HashSet<string>();
            for (var i = 0; i < batch.Good; i++)
            {
                var order = await harness.PendingOrderAsync(user, items: 1);
                var (id, body) = OrderHarness.MessageFor(user, order);
                records.Insert(batch.Position % (records.Count + 1), OrderHostileEvents.Record(Quote(id), Quote(body), "{\"ApproximateReceiveCount\":\"1\"}", null));
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
            var (expected, readable) = OrderHostileEvents.ExpectedFailures(json, goodIds);
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
