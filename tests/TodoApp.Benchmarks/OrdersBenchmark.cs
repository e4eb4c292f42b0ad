using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Local;
using TodoApp.Local.Emulators;
using TodoApp.Local.Provisioning;

namespace TodoApp.Benchmarks;

/// <summary>
/// Orders of 5 items processed per second by <see cref="OrderProcessorFunction"/> against DynamoDB Local,
/// beside the raw PutItem rate of the same emulator in the same run, at the same number of requests
/// in flight (concurrent invocations x batch size of 10), so the two figures can be compared.
/// </summary>
internal static class OrdersBenchmark
{
    private const int ItemsPerOrder = 5;
    private const int BatchSize = 10;

    public static async Task RunAsync(BenchContext context)
    {
        var orderCount = int.Parse(Environment.GetEnvironmentVariable("BENCH_ORDERS") ?? "1000", CultureInfo.InvariantCulture);
        var invocations = int.Parse(Environment.GetEnvironmentVariable("BENCH_INVOCATIONS") ?? "4", CultureInfo.InvariantCulture);
        var root = RepoPaths.FindRoot();
        var infra = Path.Combine(root, "infra", "local");
        await NodeModules.EnsureInstalledAsync(infra, default);
        await using var emulator = await NodeEmulator.StartAsync(infra, "dynamodb", []);
        var aws = new AwsOptions { Region = LocalSystem.Region, DynamoDbServiceUrl = emulator.ServiceUrl.ToString(), Timeout = TimeSpan.FromSeconds(30) };
        using var dynamo = AwsClients.DynamoDb(aws);
        await TableProvisioner.ProvisionAsync(CloudFormationTemplate.Load(Path.Combine(root, "template.yaml")), dynamo, default);
        var inFlight = invocations * BatchSize;
        Console.WriteLine($"DynamoDB Local, {orderCount} orders of {ItemsPerOrder} items, {invocations} concurrent invocations of {BatchSize} messages ({inFlight} requests in flight)");

        await RawPutItemsAsync(dynamo, 500, inFlight); // warm-up: JIT, connection pool
        var putsPerSecond = await RawPutItemsAsync(dynamo, orderCount * ItemsPerOrder, inFlight);

        var (ordersPerSecond, accepted) = await ProcessOrdersAsync(dynamo, aws, orderCount, invocations);
        const string section = "Orders (processor against DynamoDB Local, same run)";
        context.Report(section, "| requests in flight | raw PutItem items/s | orders of 5 items/s | todos/s | accepted |");
        context.Report(section, "| --- | --- | --- | --- | --- |");
        context.Report(section, $"| {inFlight} | {putsPerSecond:F0} | {ordersPerSecond:F0} | {ordersPerSecond * ItemsPerOrder:F0} | {accepted}/{orderCount} |");
    }

    private static async Task<double> RawPutItemsAsync(IAmazonDynamoDB dynamo, int count, int inFlight)
    {
        var now = DateTimeOffset.UtcNow;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var todo = new Todo($"raw-{i:D6}", $"Raw item {i}", "Quantity: 1", false, null, ["order"], now, now, null, 1);
                await dynamo.PutItemAsync(new PutItemRequest { TableName = LocalSystem.TableName, Item = TodoItem.ToItem($"raw-{i % 100}", todo) });
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double PerSecond, int Accepted)> ProcessOrdersAsync(IAmazonDynamoDB dynamo, AwsOptions aws, int count, int invocations)
    {
        var table = Options.Create(new TableOptions { Name = LocalSystem.TableName });
        var orders = new OrderStore(dynamo, table, TimeProvider.System);
        var lines = Enumerable.Range(1, ItemsPerOrder).Select(i => new OrderLine($"Line {i}", i)).ToArray();
        var messages = new List<OrderMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var userId = $"bench-{i % 200}";
            var (order, _) = await orders.CreateAsync(userId, Ids.New(TimeProvider.System), new NewOrder($"Order {i}", lines, null, null), default);
            messages.Add(new OrderMessage(order.Id, userId, null));
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Table:Name"] = LocalSystem.TableName,
            ["Aws:Region"] = aws.Region,
            ["Aws:DynamoDbServiceUrl"] = aws.DynamoDbServiceUrl,
        }).Build();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        using var function = new OrderProcessorFunction(new FunctionHost(OrderProcessorFunction.ServiceName, configuration,
            services => services.AddSingleton(loggers)));
        var batches = messages.Chunk(BatchSize).ToArray();
        var next = -1;
        var failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, invocations).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < batches.Length; b = Interlocked.Increment(ref next))
            {
                using var input = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(Event(batches[b]), SqsEventJsonContext.Default.SqsEvent));
                await using var output = await function.HandleAsync(input);
                var response = await JsonSerializer.DeserializeAsync(output, SqsEventJsonContext.Default.SqsBatchResponse);
                Interlocked.Add(ref failures, response!.BatchItemFailures.Count);
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var accepted = 0;
        foreach (var m in messages)
        {
            accepted += (await orders.GetAsync(m.UserId, m.OrderId, default))?.Status == OrderStatus.Accepted ? 1 : 0;
        }
        return (count / elapsed, accepted);
    }

    private static SqsEvent Event(OrderMessage[] batch) => new(batch.Select(m => new SqsMessage(
        Guid.NewGuid().ToString(), "handle", m.ToJson(), new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
        null, null, null, "aws:sqs", "arn:aws:sqs:us-east-1:000000000000:OrdersQueue", LocalSystem.Region)).ToArray());
}
