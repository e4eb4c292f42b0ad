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

public sealed class ResentOrderCorrelationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset PlacedAt = new(2030, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private IsolatedDynamo _dynamo = null!;
    private Amazon.SQS.IAmazonSQS _sqs = null!;
    private string _queueUrl = "";

    public async Task InitializeAsync()
    {
        _dynamo = await IsolatedDynamo.StartAsync();
        _sqs = AwsClients.Sqs((await SharedSystem.GetAsync()).Aws);
        _queueUrl = (await _sqs.CreateQueueAsync($"resend-correlation-{Guid.NewGuid():N}")).QueueUrl;
    }

    public async Task DisposeAsync()
    {
        await _sqs.DeleteQueueAsync(_queueUrl);
        await _dynamo.DisposeAsync();
    }

    [Fact]
    public async Task AResentOrderCarriesTheCorrelationIdOfTheRequestThatPlacedIt()
    {
        var clock = new FakeTimeProvider(PlacedAt);
        var store = new OrderStore(AwsClients.DynamoDb(_dynamo.Aws), Options.Create(new TableOptions { Name = LocalSystem.TableName }), clock);
        var (order, _) = await store.CreateAsync("resend-user", Ids.New(clock),
            new NewOrder("Restock", [new OrderLine("Paper", 2)], null, null) { CorrelationId = "browser-action-42" }, default);

        var summary = await Function(PlacedAt.AddHours(2)).RunAsync(false, default);

        Assert.Equal(1, summary.StuckOrdersResent);
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MessageAttributeNames = ["All"], WaitTimeSeconds = 1 });
        var message = Assert.Single(received.Messages);
        Assert.Equal("browser-action-42", message.MessageAttributes[OrderMessage.CorrelationAttribute].StringValue);
        Assert.Equal("browser-action-42", OrderMessage.TryParse(message.Body)!.CorrelationId);
        Assert.Equal(order.Id, OrderMessage.TryParse(message.Body)!.OrderId);
    }

    private CleanupFunction Function(DateTimeOffset now)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Aws:Region"] = LocalSystem.Region,
            ["Aws:DynamoDbServiceUrl"] = _dynamo.Aws.DynamoDbServiceUrl,
            ["Orders:QueueUrl"] = _queueUrl,
        }).Build();
        var clock = new FakeTimeProvider(now);
        return new CleanupFunction(new FunctionHost("cleanup", configuration), clock, new Metrics("cleanup", new StringWriter(), clock), sqs: _sqs);
    }
}
