using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace TodoApp.Core.Aws;

/// <summary>Builds AWS clients once per process, for the cloud or for the local emulators.</summary>
public static class AwsClients
{
    public static IAmazonDynamoDB DynamoDb(AwsOptions options)
    {
        var config = Configure(new AmazonDynamoDBConfig(), options, options.DynamoDbServiceUrl);
        return options.DynamoDbServiceUrl is { Length: > 0 }
            ? new AmazonDynamoDBClient(LocalCredentials, config)
            : new AmazonDynamoDBClient(config);
    }

    public static IAmazonS3 S3(AwsOptions options)
    {
        var config = Configure(new AmazonS3Config(), options, options.S3ServiceUrl);
        if (options.S3ServiceUrl is { Length: > 0 })
        {
            // The emulator serves buckets as paths, and presigned URLs must match its plain-HTTP endpoint.
            config.ForcePathStyle = true;
            config.UseHttp = options.S3ServiceUrl.StartsWith("http://", StringComparison.Ordinal);
            return new AmazonS3Client(LocalCredentials, config);
        }
        return new AmazonS3Client(config);
    }

    public static IAmazonSQS Sqs(AwsOptions options)
    {
        var config = Configure(new AmazonSQSConfig(), options, options.SqsServiceUrl);
        return options.SqsServiceUrl is { Length: > 0 }
            ? new AmazonSQSClient(LocalCredentials, config)
            : new AmazonSQSClient(config);
    }

    /// <summary>Any fixed key pair: the emulators check the signature's shape, not the secret.</summary>
    public static AWSCredentials LocalCredentials { get; } = new BasicAWSCredentials("local", "local-secret");

    public static T Configure<T>(T config, AwsOptions options, string? serviceUrl) where T : ClientConfig
    {
        if (serviceUrl is { Length: > 0 })
        {
            // Setting RegionEndpoint after ServiceURL would silently drop the URL; AuthenticationRegion
            // signs for the region without touching the endpoint.
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is { Length: > 0 } region)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        config.Timeout = options.Timeout;
        config.MaxErrorRetry = options.MaxRetries;
        return config;
    }
}
