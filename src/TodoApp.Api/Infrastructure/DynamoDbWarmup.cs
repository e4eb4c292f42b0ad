using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Cold start: the AWS SDK's first call builds its pipeline, resolves credentials and opens a
/// connection. Doing that while Kestrel starts, instead of inside the first user request, takes it
/// off that request's latency.
/// </summary>
internal sealed partial class DynamoDbWarmup(IAmazonDynamoDB dynamo, TableOptions table, ILogger<DynamoDbWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartupWork.Begin(() => dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = table.Name }, CancellationToken.None),
            e => LogWarmupFailed(logger, e));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "DynamoDB warm-up call failed; the first request will open the connection")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception);
}
