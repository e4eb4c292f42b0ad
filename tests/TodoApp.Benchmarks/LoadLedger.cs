using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TodoApp.Benchmarks;

/// <summary>What one client was told: the todos it created, changed and deleted.</summary>
internal sealed class LoadLedger(string user)
{
    private readonly Dictionary<string, long> _live = [];
    private readonly HashSet<string> _deleted = [];

    public string User { get; } = user;

    public async Task<Answer> StepAsync(HttpClient client, Random random)
    {
        var roll = random.Next(100);
        string? deleting = null;
        try
        {
            if (roll < 35 || _live.Count == 0)
            {
                using var response = await client.PostAsJsonAsync("/api/todos", new { title = $"load {random.Next()}", labels = new[] { "load" } });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var todo = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    _live[(string)todo["id"]!] = (long)todo["version"]!;
                }
                return Answer.Of(response);
            }
            var id = _live.Keys.ElementAt(random.Next(_live.Count));
            if (roll < 65)
            {
                using var response = await client.GetAsync("/api/todos?limit=20");
                return Answer.Of(response);
            }
            if (roll < 90)
            {
                using var response = await client.PatchAsJsonAsync($"/api/todos/{id}", new { completed = random.Next(2) == 0 });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _live[id] = (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!;
                }
                return Answer.Of(response);
            }
            deleting = id;
            using (var response = await client.DeleteAsync($"/api/todos/{id}"))
            {
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    _live.Remove(id);
                    _deleted.Add(id);
                }
                else if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    // A 503 in the outage: the delete may or may not have landed, and neither outcome is a violation.
                    // (A 404 keeps the todo in the ledger: an acknowledged todo that vanished is reported.)
                    _live.Remove(id);
                }
                return Answer.Of(response);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            if (deleting is not null)
            {
                _live.Remove(deleting);
            }
            return new Answer(0, null, false); // no answer at all: counted, and never acknowledged
        }
    }

    public async Task<IEnumerable<string>> CheckAsync(HttpClient client, string token)
    {
        var seen = new Dictionary<string, long>();
        var duplicates = new List<string>();
        string? cursor = null;
        do
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/todos?limit=100" + (cursor is null ? "" : "&cursor=" + cursor));
            request.Headers.Add(TodoApp.Local.Accounts.LocalAccounts.TokenHeader, "Bearer " + token);
            using var response = await client.SendAsync(request);
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            foreach (var todo in page["items"]!.AsArray())
            {
                if (!seen.TryAdd((string)todo!["id"]!, (long)todo["version"]!))
                {
                    duplicates.Add($"{User}: {todo["id"]} listed twice");
                }
            }
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return duplicates
            .Concat(_live.Where(t => !seen.ContainsKey(t.Key)).Select(t => $"{User}: acknowledged todo {t.Key} is missing"))
            .Concat(_live.Where(t => seen.TryGetValue(t.Key, out var v) && v < t.Value).Select(t => $"{User}: {t.Key} lost an acknowledged update"))
            .Concat(_deleted.Where(seen.ContainsKey).Select(id => $"{User}: deleted todo {id} came back"));
    }
}
