using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Orders;

internal static class OrdersClient
{
    public static async Task<string> PlaceAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Polls like the frontend does until the processor has decided.</summary>
    public static Task<JsonElement> WaitUntilFinalAsync(HttpClient client, string orderId) =>
        Eventually.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() != "PENDING",
            TimeSpan.FromSeconds(20));
}
