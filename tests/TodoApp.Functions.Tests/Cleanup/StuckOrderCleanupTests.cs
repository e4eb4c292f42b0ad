using Microsoft.Extensions.DependencyInjection;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Core.Orders;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.Hosting;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Cleanup;

public sealed class StuckOrderCleanupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset PlacedAt = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private IsolatedDynamo _dynamo = null!;
    private string _queueUrl = "";
    private Amazon.SQS.IAmazonSQS _sqs = null!;
    private IsolatedBucket _bucket = null!;

    public async Task InitializeAsync()
    {
        _dynamo = await IsolatedDynamo.StartAsync();
        _bucket = await IsolatedBucket.CreateAsync();
        var system = await SharedSystem.GetAsync();
        _sqs = AwsClients.Sqs(system.Aws);
        _queueUrl = (await _sqs.CreateQueueAsync($"cleanup-test-{Guid.NewGuid():N}")).QueueUrl;
    }

    public async Task DisposeAsync()
    {
        await _sqs.DeleteQueueAsync(_queueUrl);
        await _dynamo.DisposeAsync();
        _bucket.Dispose();
    }

    [Fact]
    public async Task AStuckOrderIsResentOnceThenFailedAfterADay()
    {
        var order = await PlaceAsync("stuck-user");

        var early = await Function(PlacedAt.AddMinutes(59)).RunAsync(false, default);
        var resent = await Function(PlacedAt.AddHours(2)).RunAsync(false, default);
        var again = await Function(PlacedAt.AddHours(3)).RunAsync(false, default);

        Assert.Equal(0, early.StuckOrdersResent);
        Assert.Equal(1, resent.StuckOrdersResent);
        Assert.Equal(0, again.StuckOrdersResent);
        var messages = await ReceiveAllAsync();
        var message = OrderMessage.TryParse(Assert.Single(messages).Body)!;
        Assert.Equal(order.Id, message.OrderId);
        Assert.Equal("stuck-user", message.UserId);

        var failed = await Function(PlacedAt.AddHours(25)).RunAsync(false, default);

        Assert.Equal(1, failed.StuckOrdersFailed);
        var stored = await Store(TimeProvider.System).GetAsync("stuck-user", order.Id, default);
        Assert.Equal(OrderStatus.Failed, stored!.Status);
        Assert.Contains("24 hours", stored.Reason);
        Assert.Empty(await Store(TimeProvider.System).ListPendingAsync(PlacedAt.AddDays(2), 10, default));
    }

    [Fact]
    public async Task AResendTheQueueRefusesIsReleasedSoTheNextRunSendsIt()
    {
        var order = await PlaceAsync("outage-user");

        // A queue that does not exist: every send fails, as during an SQS outage. The sender's backoff
        // runs on the function's (fake) clock, so the clock is moved on until the run is done.
        var clock = new FakeTimeProvider(PlacedAt.AddHours(2));
        var running = Function(clock, _queueUrl + "-missing").RunAsync(false, default);
        while (!running.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(running, Task.Delay(10));
        }
        var outage = await running;
        var recovered = await Function(PlacedAt.AddHours(3)).RunAsync(false, default);

        Assert.Equal(0, outage.StuckOrdersResent);
        Assert.Equal(1, recovered.StuckOrdersResent);
        Assert.Equal(order.Id, OrderMessage.TryParse(Assert.Single(await ReceiveAllAsync()).Body)!.OrderId);
    }

    [Fact]
    public async Task DryRunCountsStuckOrdersWithoutSendingOrFailing()
    {
        var fresh = await PlaceAsync("dry-user");

        var resend = await Function(PlacedAt.AddHours(2)).RunAsync(dryRun: true, default);
        var fail = await Function(PlacedAt.AddHours(30)).RunAsync(dryRun: true, default);

        Assert.Equal(1, resend.StuckOrdersResent);
        Assert.Equal(1, fail.StuckOrdersFailed);
        Assert.Empty(await ReceiveAllAsync());
        Assert.Equal(OrderStatus.Pending, (await Store(TimeProvider.System).GetAsync("dry-user", fresh.Id, default))!.Status);
    }

    [Fact]
    public async Task OverlappingRunsResendEachOrderOnce()
    {
        for (var i = 0; i < 6; i++)
        {
            await PlaceAsync($"overlap-{i}");
        }

        var runs = await Task.WhenAll(Function(PlacedAt.AddHours(2)).RunAsync(false, default), Function(PlacedAt.AddHours(2)).RunAsync(false, default));

        Assert.Equal(6, runs.Sum(r => r.StuckOrdersResent));
        Assert.Equal(6, (await ReceiveAllAsync()).Count);
    }

    private async Task<Order> PlaceAsync(string user)
    {
        var orderId = Ids.New(new FakeTimeProvider(PlacedAt));
        var (order, _) = await Store(new FakeTimeProvider(PlacedAt)).CreateAsync(user, orderId,
            new NewOrder("Restock", [new OrderLine("Paper", 2)], null, null), default);
        return order;
    }

    [Fact]
    public async Task AResentOrderCarriesTheCorrelationIdOfTheRequestThatPlacedIt()
    {
        var clock = new FakeTimeProvider(PlacedAt);
        var (order, _) = await Store(clock).CreateAsync("resend-user", Ids.New(clock),
            new NewOrder("Restock", [new OrderLine("Paper", 2)], null, null) { CorrelationId = "browser-action-42" }, default);

        var summary = await Function(PlacedAt.AddHours(2)).RunAsync(false, default);

        Assert.Equal(1, summary.StuckOrdersResent);
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MessageAttributeNames = ["All"], WaitTimeSeconds = 1 });
        var message = Assert.Single(received.Messages);
        Assert.Equal("browser-action-42", message.MessageAttributes[OrderMessage.CorrelationAttribute].StringValue);
        Assert.Equal("browser-action-42", OrderMessage.TryParse(message.Body)!.CorrelationId);
        Assert.Equal(order.Id, OrderMessage.TryParse(message.Body)!.OrderId);
    }

    private OrderStore Store(TimeProvider clock) =>
        new(AwsClients.DynamoDb(_dynamo.Aws), Options.Create(new TableOptions { Name = LocalSystem.TableName }), clock);

    private CleanupFunction Function(DateTimeOffset now, string? queueUrl = null) => Function(new FakeTimeProvider(now), queueUrl);

    private CleanupFunction Function(FakeTimeProvider clock, string? queueUrl = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Aws:Region"] = LocalSystem.Region,
            ["Aws:DynamoDbServiceUrl"] = _dynamo.Aws.DynamoDbServiceUrl,
            ["Orders:QueueUrl"] = queueUrl ?? _queueUrl,
            ["Media:BucketName"] = _bucket.Name,
            ["Aws:S3ServiceUrl"] = _bucket.ServiceUrl,
        }).Build();
        return new CleanupFunction(FunctionHosts.Create("cleanup", configuration, metrics: new Metrics("cleanup", new StringWriter(), clock), clock: clock,
            more: services => services.AddSingleton(_sqs)));
    }

    private async Task<List<Message>> ReceiveAllAsync()
    {
        var all = new List<Message>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var batch = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            all.AddRange(batch.Messages ?? []);
        }
        return all;
    }
}
