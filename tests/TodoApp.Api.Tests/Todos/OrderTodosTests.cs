using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Api.Tests.Orders;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Todos;

public sealed class OrderTodosTests
{
    [Fact]
    public async Task OrderQueryReturnsExactlyThatOrdersTodosInLineOrder()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        await client.CreateTodoAsync("Not from an order");
        var items = new[] { new { description = "Pack boxes", quantity = 3 }, new { description = "Book a van", quantity = 1 }, new { description = "Label boxes", quantity = 1 } };
        var first = await OrdersClient.PlaceAsync(client, new { title = "Office move", items });
        var second = await OrdersClient.PlaceAsync(client, new { title = "Other", items = items[..1] });
        var order = await OrdersClient.WaitUntilFinalAsync(client, first);
        await OrdersClient.WaitUntilFinalAsync(client, second);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/todos?order={first}");

        var todos = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(order.GetProperty("todoIds").EnumerateArray().Select(t => t.GetString()), todos.Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(["Pack boxes", "Book a van", "Label boxes"], todos.Select(t => t.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task AnotherUsersOrderListsNothing()
    {
        var system = await SharedSystem.GetAsync();
        var owner = system.ClientFor(SharedSystem.NewUserId());
        var id = await OrdersClient.PlaceAsync(owner, new { title = "Mine", items = new[] { new { description = "Private", quantity = 1 } } });
        await OrdersClient.WaitUntilFinalAsync(owner, id);

        var page = await system.ClientFor(SharedSystem.NewUserId()).GetFromJsonAsync<JsonElement>($"/api/todos?order={id}");

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("order=not%20an%20id")]
    [InlineData("order=0190a1b2c3d4-00")]
    [InlineData("order=0190a1b2c3d4&status=active")]
    public async Task AMalformedOrderQueryIsA400ThatNamesTheOrderParameter(string query)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());

        using var response = await client.GetAsync($"/api/todos?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("order", out _));
    }
}
