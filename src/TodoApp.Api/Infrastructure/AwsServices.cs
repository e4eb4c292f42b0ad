using Amazon.DynamoDBv2;
using Microsoft.Extensions.Options;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;

namespace TodoApp.Api.Infrastructure;

public static class AwsServices
{
    /// <summary>One client per service for the life of the process (a Lambda execution environment).</summary>
    public static IServiceCollection AddAwsClients(this IServiceCollection services)
    {
        services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section);
        services.AddOptions<TableOptions>().BindConfiguration(TableOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TableOptions>, TableOptionsValidator>();
        services.AddSingleton<IAmazonDynamoDB>(sp => AwsClients.DynamoDb(sp.GetRequiredService<IOptions<AwsOptions>>().Value));
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<DynamoDbWarmup>();
        return services;
    }
}
