using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Api.Tests.Attachments;
using TodoApp.Api.Tests.Orders;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Accounts;

/// <summary>
/// Another user's ids lead nowhere: 404 (never 403, which would confirm the id exists) on every
/// endpoint that takes an id, nothing of theirs in any list or count, and nothing of theirs changed.
/// </summary>
public sealed class IsolationTests
{
    private sealed record AliceData(string TodoId, string AttachmentId, string OrderId);

    private static async Task<AliceData> ArrangeAsync(HttpClient alice)
    {
        var todoId = await AttachmentClient.CreateTodoAsync(alice);
        var created = await (await AttachmentClient.RequestUploadAsync(alice, todoId, "a.jpg", "image/jpeg", 100)).Content.ReadFromJsonAsync<JsonElement>();
        var orderId = await OrdersClient.PlaceAsync(alice, new { title = "Alice's order", items = new[] { new { description = "Box", quantity = 1 } } });
        return new AliceData(todoId, created.GetProperty("attachment").GetProperty("id").GetString()!, orderId);
    }

    [Fact]
    public async Task EveryEndpointAnswers404ForAnotherUsersIds()
    {
        var system = await SharedSystem.GetAsync();
        using var alice = system.ClientFor(SharedSystem.NewUserId());
        using var bob = system.ClientFor(SharedSystem.NewUserId());
        var (todo, attachment, order) = await ArrangeAsync(alice);

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("get todo", () => bob.GetAsync($"/api/todos/{todo}")),
            ("patch todo", () => bob.PatchJsonAsync($"/api/todos/{todo}", """{"title":"Bob was here"}""")),
            ("patch todo with If-Match", () => bob.PatchJsonAsync($"/api/todos/{todo}", """{"completed":true}""", "\"1\"")),
            ("delete todo", () => bob.DeleteAsync($"/api/todos/{todo}")),
            ("create attachment", () => AttachmentClient.RequestUploadAsync(bob, todo, "b.jpg", "image/jpeg", 100)),
            ("get attachment", () => bob.GetAsync($"/api/todos/{todo}/attachments/{attachment}")),
            ("delete attachment", () => bob.DeleteAsync($"/api/todos/{todo}/attachments/{attachment}")),
            ("get order", () => bob.GetAsync($"/api/orders/{order}")),
        };
        foreach (var (what, send) in attempts)
        {
            using var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode}");
        }

        // Nothing Bob tried changed Alice's data.
        var mine = await alice.GetFromJsonAsync<JsonElement>($"/api/todos/{todo}");
        Assert.Equal("Has pictures", mine.GetProperty("title").GetString());
        Assert.False(mine.GetProperty("completed").GetBoolean());
        Assert.Equal(attachment, Assert.Single(mine.GetProperty("attachments").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/orders/{order}")).StatusCode);
    }

    [Fact]
    public async Task ListsAndCountsNeverShowAnotherUsersItems()
    {
        var system = await SharedSystem.GetAsync();
        using var alice = system.ClientFor(SharedSystem.NewUserId());
        using var bob = system.ClientFor(SharedSystem.NewUserId());
        var data = await ArrangeAsync(alice);
        var bobsOwn = (string)(await bob.CreateTodoAsync("Bob's own"))["id"]!;
        await OrdersClient.WaitUntilFinalAsync(alice, data.OrderId); // Alice's order has made its todos too.

        foreach (var status in new[] { "all", "active", "completed" })
        {
            var page = await bob.GetFromJsonAsync<JsonElement>($"/api/todos?status={status}&limit=100");
            var ids = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
            Assert.DoesNotContain(data.TodoId, ids);
            Assert.All(ids, id => Assert.Equal(bobsOwn, id));
        }
        var counts = await bob.GetFromJsonAsync<JsonElement>("/api/todos/counts");
        Assert.Equal(1, counts.GetProperty("all").GetInt32());
        var orders = await bob.GetFromJsonAsync<JsonElement>("/api/orders");
        Assert.Empty(orders.GetProperty("items").EnumerateArray());
        var alicesOrders = await alice.GetFromJsonAsync<JsonElement>("/api/orders");
        Assert.Contains(alicesOrders.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetString() == data.OrderId);
    }
}
