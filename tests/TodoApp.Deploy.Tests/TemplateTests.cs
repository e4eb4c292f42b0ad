using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Deploy.Tests;

/// <summary>The template cannot be deployed from here, so its invariants are checked instead.</summary>
public sealed class TemplateTests
{
    private static readonly SamTemplate Sam = SamTemplate.Instance;

    public static TheoryData<string> FunctionIds() => [.. Sam.Functions.Select(f => f.LogicalId)];

    [Fact]
    public void TheTemplateDeclaresEveryFunctionOfTheDesign()
    {
        Assert.Contains("ApiFunction", Sam.Functions.Select(f => f.LogicalId));
        Assert.All(Sam.Functions, f => Assert.Equal("makefile", ScalarValue(Mapping(f.Resource, "Metadata")!, "BuildMethod")));
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void EveryFunctionHasTracingJsonLogsRetentionAndSizing(string id)
    {
        var function = Sam.Function(id);
        Assert.Equal("Active", function.GetScalar("Tracing"));
        Assert.NotNull(function.GetScalar("MemorySize"));
        Assert.NotNull(function.GetScalar("Timeout"));
        Assert.NotNull(function.Get("Architectures"));

        var logging = (YamlMappingNode)function.Get("LoggingConfig")!;
        var merged = Mapping(function.Globals, "LoggingConfig") ?? new YamlMappingNode();
        Assert.Equal("JSON", ScalarValue(logging, "LogFormat") ?? ScalarValue(merged, "LogFormat"));
        var logGroup = ScalarValue(logging, "LogGroup");
        Assert.NotNull(logGroup);
        var group = Sam.Template.Resource(logGroup!);
        Assert.Equal("AWS::Logs::LogGroup", ScalarValue(group, "Type"));
        Assert.NotNull(ScalarValue(Mapping(group, "Properties")!, "RetentionInDays"));
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void EveryFunctionMayWriteItsSpansToXRay(string id)
    {
        // With Tracing: Active SAM attaches the X-Ray write policy to the role it generates, and only
        // to that one: a function given its own Role would lose it, and the daemon's uploads would be denied.
        var function = Sam.Function(id);
        Assert.Equal("Active", function.GetScalar("Tracing"));
        Assert.Null(function.Get("Role"));
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void EveryFunctionIsAnAotBootstrapBehindThePinnedWebAdapter(string id)
    {
        // provided.al2023: the AOT binary is the bootstrap, run by the pinned Lambda Web Adapter layer.
        var function = Sam.Function(id);
        Assert.Equal("provided.al2023", function.GetScalar("Runtime"));
        Assert.Equal("bootstrap", function.GetScalar("Handler"));
        var layer = Assert.Single(((YamlSequenceNode)function.Get("Layers")!).Children);
        Assert.Matches(@"layer:LambdaAdapterLayerX86:\d+$", ((YamlScalarNode)layer).Value);
        Assert.Equal(((YamlScalarNode)Assert.Single(((YamlSequenceNode)Sam.Function("ApiFunction").Get("Layers")!).Children)).Value, ((YamlScalarNode)layer).Value);
        var environment = function.Environment();
        Assert.Equal("/healthz", ((YamlScalarNode)environment["AWS_LWA_READINESS_CHECK_PATH"]).Value);
        Assert.Equal("8080", ((YamlScalarNode)environment["AWS_LWA_PORT"]).Value);
    }

    [Theory]
    [InlineData("ThumbnailFunction")]
    [InlineData("OrderProcessorFunction")]
    [InlineData("CleanupFunction")]
    public void EventFunctionsTakeTheirEventsOnThePassThroughPathAndFailTheInvocationOnA500(string id)
    {
        // The host answers the POST on this path; a handler that throws answers 500, which only fails
        // the invocation (so S3 and the scheduler retry, and SQS redelivers) when the adapter is told so.
        var environment = Sam.Function(id).Environment();
        Assert.Equal("/events", ((YamlScalarNode)environment["AWS_LWA_PASS_THROUGH_PATH"]).Value);
        Assert.Equal("500", ((YamlScalarNode)environment["AWS_LWA_ERROR_STATUS_CODES"]).Value);
    }

    [Fact]
    public void TheWebhookFunctionReturnsItsHandledFailuresToGitHubAndFailsOnlyOnA500()
    {
        // 502/503 are answers GitHub shows for redelivery; only the host's 500 (an unhandled error) is an invocation error.
        var environment = Sam.Function("GitHubToSlackFunction").Environment();
        Assert.Equal("500", ((YamlScalarNode)environment["AWS_LWA_ERROR_STATUS_CODES"]).Value);
        Assert.False(environment.ContainsKey("AWS_LWA_PASS_THROUGH_PATH"));
    }

    [Fact]
    public void NoPolicyGrantsWildcardActionsOrResources()
    {
        foreach (var statement in AllPolicyStatements())
        {
            foreach (var key in new[] { "Action", "Resource" })
            {
                if (statement.Children.TryGetValue(key, out var value))
                {
                    var values = value is YamlSequenceNode seq ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value) : [(value as YamlScalarNode)?.Value];
                    Assert.DoesNotContain("*", values);
                    Assert.DoesNotContain(values, v => v is not null && v.EndsWith(":*", StringComparison.Ordinal) && key == "Action");
                }
            }
        }
    }

    [Fact]
    public void BucketsArePrivateAndEncrypted()
    {
        foreach (var (id, properties) in Sam.Template.ResourcesOfType("AWS::S3::Bucket"))
        {
            var block = Mapping(properties, "PublicAccessBlockConfiguration");
            Assert.True(block is not null, $"{id} has no public access block");
            Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"],
                k => Assert.Equal("true", ScalarValue(block!, k)));
            Assert.NotNull(Mapping(properties, "BucketEncryption"));
        }
    }

    [Fact]
    public void CloudFrontReachesTheApiThroughOacWithBothInvokePermissions()
    {
        var oacTypes = Sam.Template.ResourcesOfType("AWS::CloudFront::OriginAccessControl")
            .Select(o => ScalarValue(Mapping(o.Properties, "OriginAccessControlConfig")!, "OriginAccessControlOriginType"));
        Assert.Contains("lambda", oacTypes);
        Assert.Contains("s3", oacTypes);
        var permissions = Sam.Template.ResourcesOfType("AWS::Lambda::Permission").Select(p => p.Properties).ToList();
        Assert.Contains(permissions, p => ScalarValue(p, "Action") == "lambda:InvokeFunctionUrl" && ScalarValue(p, "Principal") == "cloudfront.amazonaws.com");
        Assert.Contains(permissions, p => ScalarValue(p, "Action") == "lambda:InvokeFunction" && ScalarValue(p, "InvokedViaFunctionUrl") == "true");
        Assert.Equal("AWS_IAM", ScalarValue(Mapping(Sam.Function("ApiFunction").Properties, "FunctionUrlConfig")!, "AuthType"));
    }

    [Fact]
    public void TheTableHasRecoveryEncryptionAndTtl()
    {
        var (_, table) = Assert.Single(Sam.Template.ResourcesOfType("AWS::DynamoDB::Table"));
        Assert.Equal("true", ScalarValue(Mapping(table, "PointInTimeRecoverySpecification")!, "PointInTimeRecoveryEnabled"));
        Assert.Equal("true", ScalarValue(Mapping(table, "SSESpecification")!, "SSEEnabled"));
        Assert.Equal("expiresAt", ScalarValue(Mapping(table, "TimeToLiveSpecification")!, "AttributeName"));
        Assert.Equal("PAY_PER_REQUEST", ScalarValue(table, "BillingMode"));
    }

    [Fact]
    public void EveryWorkQueueHasADeadLetterQueueAndLongEnoughVisibility()
    {
        var queues = Sam.Template.ResourcesOfType("AWS::SQS::Queue").ToList();
        var deadLetterTargets = queues.Select(q => Mapping(q.Properties, "RedrivePolicy")).OfType<YamlMappingNode>()
            .Select(r => ScalarValue(r, "deadLetterTargetArn")!.Split('.')[0]).ToHashSet();
        foreach (var (id, properties) in queues.Where(q => !deadLetterTargets.Contains(q.LogicalId)))
        {
            if (id.Contains("Failure", StringComparison.Ordinal) || id.Contains("DeadLetter", StringComparison.Ordinal))
            {
                continue; // destinations and DLQs of other async paths
            }
            Assert.True(Mapping(properties, "RedrivePolicy") is not null, $"{id} has no redrive policy");
        }
        foreach (var function in Sam.Functions)
        {
            foreach (var sqsEvent in function.Events().Where(e => ScalarValue(e, "Type") == "SQS"))
            {
                var props = Mapping(sqsEvent, "Properties")!;
                Assert.Contains("ReportBatchItemFailures", ((YamlSequenceNode)props.Children["FunctionResponseTypes"]).Children.Select(c => ((YamlScalarNode)c).Value));
                var queueId = ((YamlScalarNode)props.Children["Queue"]).Value!.Split('.')[0];
                var visibility = int.Parse(ScalarValue(Mapping(Sam.Template.Resource(queueId), "Properties")!, "VisibilityTimeout")!);
                Assert.True(visibility >= 6 * int.Parse(function.GetScalar("Timeout")!), $"{queueId} visibility must be >= 6x {function.LogicalId}'s timeout");
            }
        }
    }

    [Fact]
    public void EveryAsynchronousPathEndsInADeadLetterQueueOrDestination()
    {
        foreach (var function in Sam.Functions)
        {
            foreach (var trigger in function.Events())
            {
                var type = ScalarValue(trigger, "Type");
                var props = Mapping(trigger, "Properties") ?? new YamlMappingNode();
                if (type is "ScheduleV2" or "Schedule")
                {
                    Assert.True(Mapping(props, "DeadLetterConfig") is not null, $"{function.LogicalId}'s schedule has no DLQ");
                    Assert.NotNull(Mapping(props, "RetryPolicy"));
                }
                if (type is "S3" or "SNS" or "EventBridgeRule")
                {
                    var destination = Mapping(Mapping(Mapping(function.Properties, "EventInvokeConfig") ?? new YamlMappingNode(), "DestinationConfig") ?? new YamlMappingNode(), "OnFailure");
                    Assert.True(destination is not null, $"{function.LogicalId} is invoked asynchronously by {type} but has no on-failure destination");
                }
            }
        }
    }

    [Fact]
    public void BrowserUploadsAreAllowedFromTheSiteOriginOnly()
    {
        foreach (var (_, properties) in Sam.Template.ResourcesOfType("AWS::S3::Bucket"))
        {
            foreach (var rule in Sequence(Mapping(properties, "CorsConfiguration") ?? new YamlMappingNode(), "CorsRules"))
            {
                var origins = ((YamlSequenceNode)rule.Children["AllowedOrigins"]).Children;
                Assert.DoesNotContain(origins, o => o is YamlScalarNode { Value: "*" } && o.Tag.IsEmpty);
                Assert.All(origins, o => Assert.Contains("Distribution.DomainName", ((YamlScalarNode)o).Value));
            }
        }
    }

    [Fact]
    public void TheCleanupJobKnowsItsOwnTimeout()
    {
        var cleanup = Sam.Function("CleanupFunction");
        Assert.Equal(cleanup.GetScalar("Timeout"), ((YamlScalarNode)cleanup.Environment()["CLEANUP__TIMEOUTSECONDS"]).Value);
    }

    private static IEnumerable<YamlMappingNode> AllPolicyStatements()
    {
        foreach (var function in Sam.Functions)
        {
            if (function.Get("Policies") is YamlSequenceNode policies)
            {
                foreach (var statement in policies.Children.OfType<YamlMappingNode>().SelectMany(p => Sequence(p, "Statement")))
                {
                    yield return statement;
                }
            }
        }
        foreach (var (_, role) in Sam.Template.ResourcesOfType("AWS::IAM::Role"))
        {
            foreach (var policy in Sequence(role, "Policies"))
            {
                foreach (var statement in Sequence(Mapping(policy, "PolicyDocument")!, "Statement"))
                {
                    yield return statement;
                }
            }
        }
    }
}
