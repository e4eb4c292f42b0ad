using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Local.Provisioning;

/// <summary>Creates every AWS::DynamoDB::Table of the template in the emulator, named by its logical id.</summary>
public static class TableProvisioner
{
    public static async Task<IReadOnlyList<string>> ProvisionAsync(CloudFormationTemplate template, IAmazonDynamoDB dynamo, CancellationToken ct)
    {
        var existing = (await dynamo.ListTablesAsync(new ListTablesRequest(), ct)).TableNames ?? [];
        var created = new List<string>();
        foreach (var (logicalId, properties) in template.ResourcesOfType("AWS::DynamoDB::Table"))
        {
            created.Add(logicalId);
            if (existing.Contains(logicalId))
            {
                continue;
            }
            await dynamo.CreateTableAsync(ToRequest(logicalId, properties), ct);
            if (Mapping(properties, "TimeToLiveSpecification") is { } ttl && ScalarValue(ttl, "Enabled") == "true")
            {
                // DynamoDB Local honours TTL like the service (deletes lag), so local data expires as in AWS.
                await WaitUntilActiveAsync(dynamo, logicalId, ct);
                await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
                {
                    TableName = logicalId,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ScalarValue(ttl, "AttributeName"), Enabled = true },
                }, ct);
            }
        }
        foreach (var table in created)
        {
            await WaitUntilActiveAsync(dynamo, table, ct);
        }
        return created;
    }

    /// <summary>A new table (and its indexes) is CREATING for a moment, even in the emulator; writes then fail.</summary>
    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB dynamo, string table, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var description = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = table }, ct)).Table;
            if (description.TableStatus == TableStatus.ACTIVE &&
                (description.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
            {
                return;
            }
            await Task.Delay(25, ct);
        }
        throw new LocalSystemException($"Table {table} did not become ACTIVE in the emulator.");
    }

    public static CreateTableRequest ToRequest(string name, YamlMappingNode properties) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = Sequence(properties, "AttributeDefinitions")
            .Select(a => new AttributeDefinition(ScalarValue(a, "AttributeName"), new ScalarAttributeType(ScalarValue(a, "AttributeType"))))
            .ToList(),
        KeySchema = KeySchema(properties),
        GlobalSecondaryIndexes = Sequence(properties, "GlobalSecondaryIndexes")
            .Select(g => new GlobalSecondaryIndex
            {
                IndexName = ScalarValue(g, "IndexName"),
                KeySchema = KeySchema(g),
                Projection = new Projection { ProjectionType = new ProjectionType(ScalarValue(Mapping(g, "Projection")!, "ProjectionType") ?? "ALL") },
            })
            .ToList() is { Count: > 0 } indexes ? indexes : null,
    };

    private static List<KeySchemaElement> KeySchema(YamlMappingNode node) =>
        Sequence(node, "KeySchema").Select(k => new KeySchemaElement(ScalarValue(k, "AttributeName"), new KeyType(ScalarValue(k, "KeyType")))).ToList();
}
