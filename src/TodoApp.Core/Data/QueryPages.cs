using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace TodoApp.Core.Data;

public static class QueryPages
{
    /// <summary>Every item a query matches, page after page (SDK v4 answers an empty page with a null list).</summary>
    public static async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryAllAsync(
        this IAmazonDynamoDB dynamo, QueryRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        do
        {
            var response = await dynamo.QueryAsync(request, ct);
            foreach (var item in response.Items ?? [])
            {
                yield return item;
            }
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }
}
