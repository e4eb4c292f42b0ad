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
        var todo = (await store.CreateAsync(user, new NewTodo("Index me", null, null, []), default)).Todo!;

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
    public async Task TheSummaryFollowsCreateCompleteReopenAndDelete()
    {
        var (store, _, _) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        var first = (await store.CreateAsync(user, new NewTodo("one", null, null, []), default)).Todo!;
        var second = (await store.CreateAsync(user, new NewTodo("two", null, null, []), default)).Todo!;
        Assert.Equal(new TodoCounts(2, 2, 0), await store.CountAsync(user, default));

        var completed = await store.UpdateAsync(user, first.Id, new TodoChanges { Completed = true }, first.Version, default);
        Assert.Equal(WriteOutcome.Done, completed.Outcome);
        Assert.Equal(new TodoCounts(2, 1, 1), await store.CountAsync(user, default));

        // Completing again changes nothing in the counts; reopening moves it back.
        await store.UpdateAsync(user, first.Id, new TodoChanges { Completed = true }, null, default);
        Assert.Equal(new TodoCounts(2, 1, 1), await store.CountAsync(user, default));
        var reopened = await store.UpdateAsync(user, first.Id, new TodoChanges { Completed = false, Title = "one again" }, null, default);
        Assert.Equal(("one again", false, 4L), (reopened.Todo!.Title, reopened.Todo.Completed, reopened.Todo.Version));
        Assert.Equal(reopened.Todo.Version, (await store.GetAsync(user, first.Id, default))!.Version);
        Assert.Equal(new TodoCounts(2, 2, 0), await store.CountAsync(user, default));

        Assert.Equal(DeleteOutcome.Deleted, (await store.DeleteAsync(user, second.Id, only: null, default)).Outcome);
        Assert.Equal(DeleteOutcome.NotFound, (await store.DeleteAsync(user, second.Id, only: null, default)).Outcome);
        Assert.Equal(new TodoCounts(1, 1, 0), await store.CountAsync(user, default));
    }

    [Fact]
    public async Task AUserWhoseTodosPredateTheSummaryGetsItBuiltOnceFromACount()
    {
        var (store, _, dynamo) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        await SeedTodos.WriteOpenAsync(dynamo, LocalSystem.TableName, user, 30);

        // Eight first writes at once: each finds no summary, one build wins, all eight count.
        var creates = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => store.CreateAsync(user, new NewTodo($"new {i}", null, null, []), default)));

        Assert.All(creates, c => Assert.Equal(WriteOutcome.Done, c.Outcome));
        Assert.Equal(new TodoCounts(38, 38, 0), await store.CountAsync(user, default));
        Assert.Equal(new TodoCounts(38, 38, 0), await SeedTodos.RecountAsync(dynamo, LocalSystem.TableName, user));
    }

    [Fact]
    public async Task AtTheCapOfTenThousandTodosCreateIsRefused()
    {
        var (store, _, dynamo) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = LocalSystem.TableName,
            Item = new()
            {
                [Keys.PK] = new AttributeValue(Keys.User(user)),
                [Keys.SK] = new AttributeValue(TodoSummary.SortKey),
                [TodoSummary.TodoCount] = new AttributeValue { N = "9999" },
                [TodoSummary.OpenCount] = new AttributeValue { N = "10" },
            },
        });

        var last = await store.CreateAsync(user, new NewTodo("the 10,000th", null, null, []), default);
        var over = await store.CreateAsync(user, new NewTodo("one too many", null, null, []), default);

        Assert.Equal(WriteOutcome.Done, last.Outcome);
        Assert.Equal((WriteOutcome.LimitReached, (Todo?)null), (over.Outcome, over.Todo));
        Assert.Equal(new TodoCounts(10_000, 11, 9_989), await store.CountAsync(user, default));
        Assert.Single((await store.ListAsync(user, TodoStatusFilter.All, 10, null, default)).Items);
    }

    [Fact]
    public async Task UpdateDistinguishesMissingFromStale()
    {
        var (store, _, _) = await CreateAsync();
        var user = SharedSystem.NewUserId();
        var todo = (await store.CreateAsync(user, new NewTodo("v", null, null, []), default)).Todo!;

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
        var active = (await store.CreateAsync(user, new NewTodo("the only active one", null, null, []), default)).Todo!;
        for (var i = 0; i < 30; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var done = (await store.CreateAsync(user, new NewTodo($"done {i}", null, null, []), default)).Todo!;
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
