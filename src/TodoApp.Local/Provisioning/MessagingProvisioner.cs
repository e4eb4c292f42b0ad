using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Local.Provisioning;

/// <summary>
/// Creates the template's buckets and queues in fauxqs. Local names are the logical ids in lower
/// case (buckets) or as written (queues), and redrive policies are wired as the template says.
/// </summary>
public static class MessagingProvisioner
{
    public static string BucketName(string logicalId) => logicalId.ToLowerInvariant();

    public static async Task ProvisionBucketsAsync(CloudFormationTemplate template, IAmazonS3 s3, CancellationToken ct)
    {
        foreach (var (logicalId, _) in template.ResourcesOfType("AWS::S3::Bucket"))
        {
            try
            {
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = BucketName(logicalId) }, ct);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
            }
        }
    }

    /// <summary>Returns queue URLs by logical id. Dead-letter queues are created first.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ProvisionQueuesAsync(CloudFormationTemplate template, IAmazonSQS sqs, CancellationToken ct)
    {
        var queues = template.ResourcesOfType("AWS::SQS::Queue").ToList();
        var urls = new Dictionary<string, string>();
        var arns = new Dictionary<string, string>();
        foreach (var (logicalId, properties) in queues.OrderBy(q => RedriveTarget(q.Properties) is null ? 0 : 1))
        {
            var attributes = new Dictionary<string, string>();
            if (ScalarValue(properties, "VisibilityTimeout") is { } visibility)
            {
                attributes["VisibilityTimeout"] = visibility;
            }
            if (Mapping(properties, "RedrivePolicy") is { } redrive && RedriveTarget(properties) is { } target)
            {
                var maxReceive = int.Parse(ScalarValue(redrive, "maxReceiveCount") ?? "5", CultureInfo.InvariantCulture);
                attributes["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{arns[target]}\",\"maxReceiveCount\":{maxReceive}}}";
            }
            var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = logicalId, Attributes = attributes }, ct)).QueueUrl;
            var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] }, ct)).QueueARN;
            urls[logicalId] = url;
            arns[logicalId] = arn;
        }
        return urls;
    }

    /// <summary>The logical id in <c>deadLetterTargetArn: !GetAtt X.Arn</c>.</summary>
    private static string? RedriveTarget(YamlMappingNode properties) =>
        Mapping(properties, "RedrivePolicy") is { } redrive &&
        redrive.Children.TryGetValue("deadLetterTargetArn", out var node) && node is YamlScalarNode { Value: { } value }
            ? value.Split('.')[0]
            : null;
}
