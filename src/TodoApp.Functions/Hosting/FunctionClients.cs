using Microsoft.Extensions.DependencyInjection;
using TodoApp.Core.Aws;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// The AWS clients a function registers for itself: each function's binary then carries only the SDK
/// clients its handler uses (S3's alone is a large part of a Native AOT binary). Built on first use and
/// disposed with the container; tests and the local host replace them after the function's registrations.
/// </summary>
public static class FunctionClients
{
    public static IServiceCollection AddDynamoDb(this IServiceCollection services) =>
        services.AddSingleton(sp => AwsClients.DynamoDb(sp.GetRequiredService<AwsOptions>()));

    public static IServiceCollection AddS3(this IServiceCollection services) =>
        services.AddSingleton(sp => AwsClients.S3(sp.GetRequiredService<AwsOptions>()));

    public static IServiceCollection AddSqs(this IServiceCollection services) =>
        services.AddSingleton(sp => AwsClients.Sqs(sp.GetRequiredService<AwsOptions>()));
}
