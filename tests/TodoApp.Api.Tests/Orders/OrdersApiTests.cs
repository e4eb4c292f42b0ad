using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Orders;

public sealed class OrdersApiTests
{
    private static object Body(string title = "Office move", int items = 2) => new
    {
        title,
        items = Enumerable.Range(1, items).Select(i => new { description = $"Task {i}", quantity = i }).ToArray(),
        dueDate = "2030-01-31",
        notes = "Fragile",
    };

    [Fact]
    public async Task PlacedOrderIsAcceptedAsynchronouslyAndItsTodosExist()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        using var response = await client.PostAsJsonAsync("api/orders", Body(items: 3));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var placed = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PENDING", placed.GetProperty("status").GetString());
        var id = placed.GetProperty("id").GetString();
        Assert.Equal($"/api/orders/{id}", response.Headers.Location!.OriginalString);

        var order = await OrdersClient.WaitUntilFinalAsync(client, id!);
        Assert.Equal("ACCEPTED", order.GetProperty("status").GetString());
        var todoIds = order.GetProperty("todoIds").EnumerateArray().Select(t => t.GetString()).ToArray();
        Assert.Equal(3, todoIds.Length);
        var todo = await client.GetFromJsonAsync<JsonElement>($"api/todos/{todoIds[1]}");
        Assert.Equal("Task 2", todo.GetProperty("title").GetString());
        Assert.Equal("order", todo.GetProperty("labels")[0].GetString());
        Assert.Equal("2030-01-31", todo.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task SameIdempotencyKeyAndBodyReturnsTheSameOrderAndProcessesItOnce()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        var first = await OrdersClient.PlaceAsync(client, Body(), "key-1");
        var second = await OrdersClient.PlaceAsync(client, Body(), "key-1");
        await OrdersClient.WaitUntilFinalAsync(client, first);
        var third = await OrdersClient.PlaceAsync(client, Body(), "key-1");

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        var list = await client.GetFromJsonAsync<JsonElement>("api/orders");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        var todos = await client.GetFromJsonAsync<JsonElement>("api/todos");
        Assert.Equal(2, todos.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SameIdempotencyKeyWithADifferentBodyIsRefusedWith422()
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        await OrdersClient.PlaceAsync(client, Body(), "key-2");

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(Body(items: 3)) };
        request.Headers.Add("Idempotency-Key", "key-2");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var list = await client.GetFromJsonAsync<JsonElement>("api/orders");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task IdempotencyKeysBelongToOneUser()
    {
        var system = await SharedSystem.GetAsync();
        using var alice = system.ClientFor(SharedSystem.NewUserId());
        using var bob = system.ClientFor(SharedSystem.NewUserId());

        var aliceOrder = await OrdersClient.PlaceAsync(alice, Body(), "shared-key");
        var bobOrder = await OrdersClient.PlaceAsync(bob, Body(items: 1), "shared-key");

        Assert.NotEqual(aliceOrder, bobOrder);
        using var peek = await bob.GetAsync($"api/orders/{aliceOrder}");
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }

    [Fact]
    public async Task ListIsNewestFirstAndPagesWithAnOpaqueCursor()
    {
        var system = await SharedSystem.GetAsync();
        var userId = SharedSystem.NewUserId();
        using var client = system.ClientFor(userId);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await OrdersClient.PlaceAsync(client, Body($"Order {i}")));
        }

        var page1 = await client.GetFromJsonAsync<JsonElement>("api/orders?limit=2");
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await client.GetFromJsonAsync<JsonElement>($"api/orders?limit=2&cursor={Uri.EscapeDataString(cursor!)}");

        var listed = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .Select(o => o.GetProperty("id").GetString()).ToArray();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        using var other = system.ClientFor(SharedSystem.NewUserId());
        using var stolen = await other.GetAsync($"api/orders?cursor={Uri.EscapeDataString(cursor!)}");
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
    }

    [Theory]
    [InlineData("nothing-there")]
    [InlineData("..%2F..%2Fetc")]
    public async Task UnknownOrderIs404(string id)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        using var response = await client.GetAsync($"api/orders/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
