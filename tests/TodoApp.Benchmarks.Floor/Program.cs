using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

// Two floors: /fixed answers a constant JSON (the cold-start floor); /api/todos runs the same
// DynamoDB Query as the API's list endpoint with the raw SDK and writes the items (the warm floor).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var config = new AmazonDynamoDBConfig
{
    ServiceURL = builder.Configuration["Aws:DynamoDbServiceUrl"],
    AuthenticationRegion = "us-east-1",
};
var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local-secret"), config);
var table = builder.Configuration["Table:Name"] ?? "TodoTable";
var app = builder.Build();

app.MapGet("/fixed", () => Results.Text("""{"items":[],"nextCursor":null}""", "application/json"));
app.MapGet("/api/todos", async (HttpContext context) =>
{
    var user = context.Request.Headers["x-dev-user"].ToString();
    var response = await dynamo.QueryAsync(new QueryRequest
    {
        TableName = table,
        KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
        FilterExpression = "#type = :todo",
        ExpressionAttributeNames = new() { ["#type"] = "type" },
        ExpressionAttributeValues = new()
        {
            [":pk"] = new AttributeValue($"USER#{user}"),
            [":prefix"] = new AttributeValue("TODO#"),
            [":todo"] = new AttributeValue("Todo"),
        },
        ScanIndexForward = false,
        ConsistentRead = true,
        Limit = 20,
    }, context.RequestAborted);
    context.Response.ContentType = "application/json";
    await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteStartArray("items");
    foreach (var item in response.Items ?? [])
    {
        json.WriteStartObject();
        foreach (var (name, value) in item)
        {
            if (value.S is { } s) json.WriteString(name, s);
            else if (value.N is { } n) json.WriteNumber(name, decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
            else if (value.BOOL is { } b) json.WriteBoolean(name, b);
            else if (value.L is { } l) { json.WriteStartArray(name); foreach (var e in l) json.WriteStringValue(e.S); json.WriteEndArray(); }
        }
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteNull("nextCursor");
    json.WriteEndObject();
});
app.Run();
