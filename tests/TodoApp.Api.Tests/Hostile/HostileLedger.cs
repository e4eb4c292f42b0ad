using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.Core.Aws;
using TodoApp.Functions.GitHub;
using TodoApp.Local;
using TodoApp.Local.GitHub;

namespace TodoApp.Api.Tests.Hostile;

/// <summary>
/// What the API acknowledged during a hostile run (2xx answers to writes), and the state check
/// afterwards: the user's todos, each todo's attachments, the orders and the webhook's delivery
/// claims hold exactly that, so nothing was written by a request that was refused.
/// </summary>
public sealed class HostileLedger(KnownIds known)
{
    private readonly ConcurrentDictionary<string, byte> _todos = new(known.TodoIds.Select(id => KeyValuePair.Create(id, (byte)0)));
    private readonly ConcurrentDictionary<string, byte> _deletedTodos = new();
    private readonly ConcurrentDictionary<(string TodoId, string Id), byte> _attachments = new(
        known.TodoIds.Zip(known.AttachmentIds).Select(p => KeyValuePair.Create(p, (byte)0)));
    private readonly ConcurrentDictionary<(string TodoId, string Id), byte> _deletedAttachments = new();
    private readonly ConcurrentDictionary<string, byte> _orders = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _deliveries = new();

    public int Posted => _deliveries.Values.Sum(answers => answers.Count(a => a == "posted"));

    /// <summary>Whether the ledger needs the body of this answer to learn an id.</summary>
    public static bool NeedsBody(HostileRequest request, int status) => status is 200 or 201 or 202 && request.Method == "POST";

    public void Record(HostileRequest request, int status, string? body)
    {
        var path = request.Path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (path is ["webhooks", "github"])
        {
            if (request.Headers.FirstOrDefault(h => h.Name == HostileWebhooks.DeliveryHeader).Value is { } delivery)
            {
                var outcome = status == 200 && body is not null ? (string?)JsonNode.Parse(body)?["outcome"] ?? "" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _deliveries.GetOrAdd(delivery, _ => []).Add(outcome);
            }
            return;
        }
        switch (request.Method, status, path)
        {
            case ("POST", 201, ["api", "todos"]):
                _todos[Id(body)] = 0;
                break;
            case ("DELETE", 204, ["api", "todos", var todoId]):
                _deletedTodos[todoId] = 0;
                break;
            case ("POST", 201, ["api", "todos", var todoId, "attachments"]):
                _attachments[(todoId, (string)JsonNode.Parse(body!)!["attachment"]!["id"]!)] = 0;
                break;
            case ("DELETE", 204, ["api", "todos", var todoId, "attachments", var attachmentId]):
                _deletedAttachments[(todoId, attachmentId)] = 0;
                break;
            case ("POST", 202, ["api", "orders"]):
                _orders[Id(body)] = 0;
                break;
        }
    }

    public async Task<List<string>> CheckAsync(LocalSystem system, HttpClient client)
    {
        var problems = new List<string>();
        var todos = await AllAsync(client, "/api/todos");
        var orders = await AllAsync(client, "/api/orders");
        problems.AddRange(todos.GroupBy(t => Id(t)).Where(g => g.Count() > 1).Select(g => $"todo {g.Key} listed {g.Count()} times"));
        // Todos an accepted order made have ids derived from the order id, "{orderId}-NN"; the rest came from POST /api/todos.
        var own = todos.Where(t => !Id(t).Contains('-', StringComparison.Ordinal)).ToList();
        var expected = _todos.Keys.Except(_deletedTodos.Keys).ToHashSet();
        problems.AddRange(SetDifference("todo", expected, own.Select(t => Id(t))));
        problems.AddRange(todos.Select(t => Id(t)).Where(id => id.Contains('-', StringComparison.Ordinal) && !_orders.ContainsKey(id[..id.LastIndexOf('-')]))
            .Select(id => $"todo {id} belongs to no acknowledged order"));
        foreach (var todo in todos)
        {
            var expectedAttachments = _attachments.Keys.Where(a => a.TodoId == Id(todo)).Except(_deletedAttachments.Keys).Select(a => a.Id);
            var listed = todo["attachments"]!.AsArray().Select(a => Id(a));
            problems.AddRange(SetDifference($"attachment of todo {Id(todo)}", expectedAttachments, listed));
        }
        problems.AddRange(orders.GroupBy(o => Id(o)).Where(g => g.Count() > 1).Select(g => $"order {g.Key} listed {g.Count()} times"));
        problems.AddRange(SetDifference("order", _orders.Keys, orders.Select(o => Id(o))));
        problems.AddRange(await CheckDeliveriesAsync(system));
        return problems;
    }

    /// <summary>A delivery id is claimed in the table exactly when some answer for it was a posted (or duplicate) message.</summary>
    private async Task<List<string>> CheckDeliveriesAsync(LocalSystem system)
    {
        using var dynamo = AwsClients.DynamoDb(system.Aws);
        var store = new DeliveryStore(dynamo, LocalSystem.TableName, TimeProvider.System, TimeSpan.FromDays(1));
        var problems = new ConcurrentBag<string>();
        var wellFormed = _deliveries.Where(d => d.Key.Length is > 0 and <= 100 && d.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        await Parallel.ForEachAsync(wellFormed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (delivery, ct) =>
        {
            var acknowledged = delivery.Value.Any(a => a is "posted" or "duplicate");
            if (await store.IsClaimedAsync(delivery.Key, ct) != acknowledged)
            {
                problems.Add($"delivery {delivery.Key} answered [{string.Join(",", delivery.Value)}] but is {(acknowledged ? "not " : "")}claimed");
            }
        });
        return [.. problems];
    }

    public static async Task<int> SlackMessagesAsync(HttpClient client) =>
        (await (await client.GetAsync(LocalSlackSink.Path)).Content.ReadFromJsonAsync<JsonArray>())!.Count;

    private static IEnumerable<string> SetDifference(string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var want = expected.ToHashSet();
        var have = actual.ToHashSet();
        return want.Except(have).Select(id => $"acknowledged {what} {id} is missing")
            .Concat(have.Except(want).Select(id => $"{what} {id} exists but was never acknowledged"));
    }

    private static async Task<List<JsonNode>> AllAsync(HttpClient client, string path)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync(path + "?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).JsonAsync();
            items.AddRange(page["items"]!.AsArray().Select(t => t!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return items;
    }

    private static string Id(string? body) => Id(JsonNode.Parse(body!));

    private static string Id(JsonNode? node) => (string)node!["id"]!;
}
