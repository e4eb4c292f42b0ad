using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Orders;

public sealed class OrderValidationTests
{
    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"title":"t","items":[]}""", "items" },
        { """{"title":"t"}""", "items" },
        { $$"""{"title":"t","items":[{{string.Join(",", Enumerable.Repeat("""{"description":"d","quantity":1}""", 51))}}]}""", "items" },
        { """{"title":"t","items":[{"description":"d","quantity":0}]}""", "items[0].quantity" },
        { """{"title":"t","items":[{"description":"d","quantity":1001}]}""", "items[0].quantity" },
        { """{"title":"t","items":[{"description":"d"}]}""", "items[0].quantity" },
        { """{"title":"t","items":[{"description":"d","quantity":1.5}]}""", "items[0].quantity" },
        { """{"title":"t","items":[{"description":" ","quantity":1}]}""", "items[0].description" },
        { $$"""{"title":"t","items":[{"description":"{{new string('d', 201)}}","quantity":1}]}""", "items[0].description" },
        { """{"title":"t","items":[{"description":"d","quantity":1},null]}""", "items[1]" },
        { """{"title":"","items":[{"description":"d","quantity":1}]}""", "title" },
        { $$"""{"title":"{{new string('t', 201)}}","items":[{"description":"d","quantity":1}]}""", "title" },
        { $$"""{"title":"t","notes":"{{new string('n', 1601)}}","items":[{"description":"d","quantity":1}]}""", "notes" },
        { """{"title":"t","dueDate":"31/01/2030","items":[{"description":"d","quantity":1}]}""", "dueDate" },
        { """{"title":"t","items":[{"description":"d","quantity":1}],"priority":"high"}""", "priority" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadOrderIsA400NamingTheField(string json, string field)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        using var response = await client.PostAsync("api/orders", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for '{field}': {problem}");
        var list = await client.GetFromJsonAsync<JsonElement>("api/orders");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public async Task MalformedIdempotencyKeyIsA400(string key)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = new StringContent("""{"title":"t","items":[{"description":"d","quantity":1}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    public async Task BadListQueryIsA400(string query, string field)
    {
        var system = await SharedSystem.GetAsync();
        using var client = system.ClientFor(SharedSystem.NewUserId());

        using var response = await client.GetAsync($"api/orders?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
