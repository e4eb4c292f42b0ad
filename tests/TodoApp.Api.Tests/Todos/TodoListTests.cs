using System.Net;
using System.Text.Json.Nodes;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Todos;

public sealed class TodoListTests
{
    [Fact]
    public async Task ListsNewestFirstAndPagesWithoutGapsOrRepeats()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((string)(await client.CreateTodoAsync($"Todo {i}"))["id"]!);
            // Distinct milliseconds, so "newest first" is well defined: wait for the clock to move on, not for a time.
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Eventually.UntilAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ms => ms > now);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/api/todos?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}")).JsonAsync();
            seen.AddRange(page["items"]!.AsArray().Select(t => (string)t!["id"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        created.Reverse();
        Assert.Equal(created, seen);
    }

    [Fact]
    public async Task StatusFilterReturnsOnlyMatchingTodosAndCountsAgree()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((string)(await client.CreateTodoAsync($"Task {i}"))["id"]!);
        }
        foreach (var id in ids.Take(2))
        {
            await client.PatchJsonAsync($"/api/todos/{id}", """{"completed":true}""");
        }

        var active = await AllPagesAsync(client, "active");
        var completed = await AllPagesAsync(client, "completed");
        var counts = await (await client.GetAsync("/api/todos/counts")).JsonAsync();

        Assert.Equal(3, active.Count);
        Assert.All(active, t => Assert.False((bool)t["completed"]!));
        Assert.Equal(ids.Take(2).Order(), completed.Select(t => (string)t["id"]!).Order());
        Assert.Equal(5, (int)counts["all"]!);
        Assert.Equal(3, (int)counts["active"]!);
        Assert.Equal(2, (int)counts["completed"]!);
    }

    [Theory]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=%F0%9F%92%A9", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=done", "status")]
    public async Task BadQueryParametersAre400WithTheFieldNamed(string query, string field)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var response = await client.GetAsync($"/api/todos?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ProblemAsync())["errors"]![field]);
    }

    [Fact]
    public async Task TamperedOrForeignCursorIsRejected()
    {
        var system = await SharedSystem.GetAsync();
        var client = system.ClientFor(SharedSystem.NewUserId());
        for (var i = 0; i < 3; i++)
        {
            await client.CreateTodoAsync($"Item {i}");
        }
        var cursor = (string)(await (await client.GetAsync("/api/todos?limit=1")).JsonAsync())["nextCursor"]!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/todos?limit=1&cursor={cursor}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/todos?limit=1&cursor={tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/todos?limit=1&status=active&cursor={cursor}")).StatusCode);
        var stranger = system.ClientFor(SharedSystem.NewUserId());
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.GetAsync($"/api/todos?limit=1&cursor={cursor}")).StatusCode);
    }

    private static async Task<List<JsonNode>> AllPagesAsync(HttpClient client, string status)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await (await client.GetAsync($"/api/todos?status={status}&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}")).JsonAsync();
            items.AddRange(page["items"]!.AsArray().Select(t => t!));
            cursor = (string?)page["nextCursor"];
            if (cursor is null)
            {
                break;
            }
        }
        return items;
    }
}
