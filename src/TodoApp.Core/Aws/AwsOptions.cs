namespace TodoApp.Core.Aws;

/// <summary>
/// Where the AWS clients point. In Lambda every value is empty and the SDK uses the function's
/// region and role; locally the service URLs point at the emulators.
/// </summary>
public sealed class AwsOptions
{
    public const string Section = "Aws";

    public string? Region { get; set; }
    public string? DynamoDbServiceUrl { get; set; }
    public string? S3ServiceUrl { get; set; }
    public string? SqsServiceUrl { get; set; }

    /// <summary>Per-attempt timeout: a stalled dependency becomes a quick 503, not a hung request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxRetries { get; set; } = 2;
}
