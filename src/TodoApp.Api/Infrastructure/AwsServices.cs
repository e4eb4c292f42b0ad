using Amazon.DynamoDBv2;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Settings;

namespace TodoApp.Api.Infrastructure;

public static class AwsServices
{
    /// <summary>One client per service for the life of the process (a Lambda execution environment).</summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services)
    {
        services.AddSettings(AwsOptions.Section, section => section.Get<AwsOptions>());
        services.AddSettings(TableOptions.Section, section => section.Get<TableOptions>(), new TableOptionsValidator());
        services.AddSingleton<IAmazonDynamoDB>(sp => AwsClients.DynamoDb(sp.GetRequiredService<AwsOptions>()));
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<DynamoDbWarmup>();
        return services;
    }
}
