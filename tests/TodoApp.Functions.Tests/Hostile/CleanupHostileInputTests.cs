using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.Hosting;
using TodoApp.Local;
using TodoApp.Testing;
using static TodoApp.Functions.Tests.Hostile.HostileJson;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>
/// Garbage scheduler input, against a table (of its own) that holds work a real run would do: every
/// input is answered as a dry run, never an exception, and nothing is deleted or failed.
/// </summary>
public sealed class CleanupHostileInputTests : IAsyncLifetime
{
    private const int Cases = 300;
    private const string User = "hostile-cleanup";
    private static readonly DateTimeOffset Then = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private const string OrphanUpload = "uploads/hostile-cleanup/no-such-todo/no-such-attachment";
    private IsolatedDynamo _dynamo = null!;
    private IsolatedBucket _bucket = null!;

    public async Task InitializeAsync()
    {
        _dynamo = await IsolatedDynamo.StartAsync();
        _bucket = await IsolatedBucket.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _dynamo.DisposeAsync();
        _bucket.Dispose();
    }

    [Fact]
    public async Task GarbageInputRunsAsADryRunAndDeletesNothing()
    {
        var todos = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            todos.Add((await CreateCompletedAsync()).Id);
        }
        var (stuck, _) = await Orders(new FakeTimeProvider(Then)).CreateAsync(User, Ids.New(new FakeTimeProvider(Then)),
            new NewOrder("Stuck", [new OrderLine("Item", 1)], null, null), default);
        await _bucket.PutAsync(OrphanUpload); // no record: a real run deletes it
        var function = Function(new FakeTimeProvider(Then.AddDays(40)));

        await Inputs.SampleAsync(async input =>
        {
            Stream output;
            try
            {
                output = await function.HandleAsync(new MemoryStream(input));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{e.GetType().Name}: {e.Message} for {Describe(input)}", e);
            }
            using var summary = await JsonDocument.ParseAsync(output);
            var root = summary.RootElement;
            // A dry run still reports what it would do: the work was there to be done.
            Assert.True(root.GetProperty("dryRun").GetBoolean(), $"not a dry run for {Describe(input)}");
            Assert.Equal(3, root.GetProperty("completedTodosDeleted").GetInt32());
            Assert.Equal(1, root.GetProperty("stuckOrdersFailed").GetInt32());
            Assert.Equal(1, root.GetProperty("orphanUploadsDeleted").GetInt32());
        }, iter: Cases, threads: 2, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));

        foreach (var id in todos)
        {
            Assert.NotNull(await Todos().GetAsync(User, id, default));
        }
        Assert.Equal(OrderStatus.Pending, (await Orders(TimeProvider.System).GetAsync(User, stuck.Id, default))!.Status);
        Assert.True(await _bucket.ExistsAsync(OrphanUpload));
        // The control: a well-formed input does the work the garbage did not.
        await using var real = await function.HandleAsync(Stream("""{"dryRun":false}"""));
        Assert.Equal(3, (await JsonDocument.ParseAsync(real)).RootElement.GetProperty("completedTodosDeleted").GetInt32());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"dryRun\":\"false\"}")]
    [InlineData("{\"dryRun\":false,\"id\":5}")]
    [InlineData("{\"R\":\"\xC3(\"}")] // invalid UTF-8 in a member the parser skips: read as {} it was a real run
    public async Task MalformedInputIsADryRun(string input)
    {
        // Latin-1 keeps the test's bytes as written: "\xC3(" is the invalid UTF-8 sequence C3 28.
        await using var output = await Function(new FakeTimeProvider(Then.AddDays(40))).HandleAsync(new MemoryStream(Encoding.Latin1.GetBytes(input)));

        Assert.True((await JsonDocument.ParseAsync(output)).RootElement.GetProperty("dryRun").GetBoolean());
    }

    /// <summary>
    /// Everything but a well-formed instruction. An object without <c>dryRun</c> (a scheduler
    /// envelope) is one, by design, so the generator leaves those out.
    /// </summary>
    private static readonly Gen<byte[]> Inputs = Gen.OneOf(
        NotAnEvent,
        Values.Where(v => !v.StartsWith('{')).Select(Encoding.UTF8.GetBytes),
        Values.Where(v => v != "false").Select(v => Encoding.UTF8.GetBytes($"{{\"dryRun\":{v}}}")),
        Values.Where(v => !v.StartsWith('"') && v != "null").Select(v => Encoding.UTF8.GetBytes($"{{\"dryRun\":false,\"id\":{v}}}")),
        Gen.Int[65, 500].Select(depth => Encoding.UTF8.GetBytes("{\"dryRun\":false,\"extra\":" + new string('[', depth) + new string(']', depth) + "}")),
        Gen.OneOf("{\"dryRun\":false", "{\"dryRun\":false}garbage", "{\"dryRun\":\"false\"}", "{\"dryRun\":0}", "{\"DryRun\":\"yes\"}", "{\"dryRun\":[false]}",
            "{\"dryRun\":false,\"dryRun\":\"x\"}", "{\"dryRun\":false,\"dryRun\":true}", "{\"dryRun\":null}", "{\"dryRun\":true}").Select(Encoding.UTF8.GetBytes));

    private CleanupFunction Function(TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Aws:Region"] = LocalSystem.Region,
            ["Aws:DynamoDbServiceUrl"] = _dynamo.Aws.DynamoDbServiceUrl,
            ["Media:BucketName"] = _bucket.Name,
            ["Aws:S3ServiceUrl"] = _bucket.ServiceUrl,
        }).Build();
        return new CleanupFunction(FunctionHosts.Create("cleanup", configuration, metrics: new Metrics("cleanup", TextWriter.Null, clock), clock: clock));
    }

    private TodoStore Todos(TimeProvider? clock = null) =>
        new(AwsClients.DynamoDb(_dynamo.Aws), Options.Create(new TableOptions { Name = LocalSystem.TableName }), clock ?? TimeProvider.System);

    private OrderStore Orders(TimeProvider clock) =>
        new(AwsClients.DynamoDb(_dynamo.Aws), Options.Create(new TableOptions { Name = LocalSystem.TableName }), clock);

    private async Task<Todo> CreateCompletedAsync()
    {
        var store = Todos(new FakeTimeProvider(Then));
        var todo = (await store.CreateAsync(User, new NewTodo("done", null, null, []), default)).Todo!;
        return (await store.UpdateAsync(User, todo.Id, new TodoChanges { Completed = true }, null, default)).Todo!;
    }

    private static string Describe(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        return text.Length > 300 ? text[..300] + $"...({text.Length})" : text;
    }
}
