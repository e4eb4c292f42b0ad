using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Todos;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Core.Tests.Todos;

public sealed class TodoStoreTests
{
    private static readonly DateTimeOffset Start = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(TodoStore Store, FakeTimeProvider Clock, Amazon.DynamoDBv2.IAmazonDynamoDB Dynamo)> CreateAsync()
    {
        var system = await SharedSystem.GetAsync();
        var dynamo = AwsClients.DynamoDb(system.Aws);
        var clock = new FakeTimeProvider(Start);
        return (new TodoStore(dynamo, Options.Create(new TableOptions { Name = LocalSystem.TableName }), clock), clock, dynamo);
    }

    [Fact]
    public async Task CompletingIndexesTheTodoForCleanupAndReopeningRemovesIt()
    {
        var (store, clock, dynamo) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        var todo = await store.CreateAsync(user, new NewTodo("Index me", null, null, []), default);

        clock.Advance(TimeSpan.FromHours(1));
        await store.UpdateAsync(user, todo.Id, new TodoChanges { Completed = true }, null, default);
        var indexed = await RawItemAsync(dynamo, user, todo.Id);
        Assert.Equal(Keys.CompletedShard(user), indexed[Keys.Gsi1PK].S);
        Assert.StartsWith("2030-03-01T10:00:00", indexed[Keys.Gsi1SK].S);

        clock.Advance(TimeSpan.FromHours(1));
        await store.UpdateAsync(user, todo.Id, new TodoChanges { Completed = true }, null, default);
        Assert.StartsWith("2030-03-01T10:00:00", (await RawItemAsync(dynamo, user, todo.Id))[Keys.Gsi1SK].S);

        await store.UpdateAsync(user, todo.Id, new TodoChanges { Completed = false }, null, default);
        var reopened = await RawItemAsync(dynamo, user, todo.Id);
        Assert.False(reopened.ContainsKey(Keys.Gsi1PK));
        Assert.False(reopened.ContainsKey("completedAt"));
    }

    [Fact]
    public async Task PutIfAbsentWritesOnceForADeterministicId()
    {
        var (store, clock, _) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        var todo = new Todo("order-1-0", "From order", null, false, null, ["order"], clock.GetUtcNow(), clock.GetUtcNow(), null, 1);

        Assert.True(await store.PutIfAbsentAsync(user, todo, "order", default));
        Assert.False(await store.PutIfAbsentAsync(user, todo with { Title = "Changed" }, "order", default));
        Assert.Equal("From order", (await store.GetAsync(user, todo.Id, default))!.Title);
    }

    [Fact]
    public async Task UpdateDistinguishesMissingFromStale()
    {
        var (store, _, _) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        var todo = await store.CreateAsync(user, new NewTodo("v", null, null, []), default);

        var stale = await store.UpdateAsync(user, todo.Id, new TodoChanges { Title = "x" }, 7, default);
        var missing = await store.UpdateAsync(user, "0000000000000000000000000000000a", new TodoChanges { Title = "x" }, null, default);

        Assert.Equal(WriteOutcome.VersionMismatch, stale.Outcome);
        Assert.Equal(1, stale.Todo!.Version);
        Assert.Equal(WriteOutcome.NotFound, missing.Outcome);
    }

    [Fact]
    public async Task FilteredListingFillsPagesAcrossManySkippedItems()
    {
        var (store, clock, _) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        var active = await store.CreateAsync(user, new NewTodo("the only active one", null, null, []), default);
        for (var i = 0; i < 30; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var done = await store.CreateAsync(user, new NewTodo($"done {i}", null, null, []), default);
            await store.UpdateAsync(user, done.Id, new TodoChanges { Completed = true }, null, default);
        }

        // 30 newer completed items sit in front of the one active item; the store keeps reading
        // (bounded) until it has a full page or reaches the end.
        var page = await store.ListAsync(user, TodoStatusFilter.Active, 5, null, default);

        Assert.Equal([active.Id], page.Items.Select(t => t.Id));
        Assert.Null(page.NextCursor);
    }

    private static async Task<Dictionary<string, AttributeValue>> RawItemAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, string user, string id) =>
        (await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = LocalSystem.TableName,
            Key = new() { [Keys.PK] = new AttributeValue(Keys.User(user)), [Keys.SK] = new AttributeValue(Keys.Todo(id)) },
            ConsistentRead = true,
        })).Item;
}
