using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Api.Tests.Orders;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Integrity;

public sealed class OrderRaceTests
{
    /// <summary>
    /// Through the whole local system: the API stores and sends eight orders at once, the local poller
    /// hands them to the processor in batches as Lambda would, and the open-todo limit decides.
    /// </summary>
    [Fact]
    public async Task EightOrdersPlacedAtOnceForTheLastFiveSlotsAcceptExactlyOne()
    {
        var system = await SharedSystem.GetAsync();
        var userId = SharedSystem.NewUserId();
        var dynamo = system.Services.GetRequiredService<IAmazonDynamoDB>();
        await SeedTodos.WriteOpenAsync(dynamo, LocalSystem.TableName, userId, 495);
        using var client = system.ClientFor(userId);
        var order = new
        {
            title = "Five more",
            items = Enumerable.Range(1, 5).Select(i => new { description = $"Thing {i}", quantity = 1 }).ToArray(),
        };

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => OrdersClient.PlaceAsync(client, order)));
        var final = await Task.WhenAll(ids.Select(id => OrdersClient.WaitUntilFinalAsync(client, id)));

        Assert.Single(final, o => o.GetProperty("status").GetString() == "ACCEPTED");
        var rejected = final.Where(o => o.GetProperty("status").GetString() == "REJECTED").ToArray();
        Assert.Equal(7, rejected.Length);
        Assert.All(rejected, o => Assert.Equal("A user may hold at most 500 open todos: you have 500 and this order would add 5.", o.GetProperty("reason").GetString()));
        var counts = await client.GetFromJsonAsync<JsonElement>("api/todos/counts");
        Assert.Equal(500, counts.GetProperty("active").GetInt32());
        Assert.Equal(500, (await SeedTodos.RecountAsync(dynamo, LocalSystem.TableName, userId)).Active);
    }
}
