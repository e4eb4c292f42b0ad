using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// The floors the API's cold start and warm path are held against (Floor:Mode):
// - hello: /healthz answers fixed JSON, the least an AOT ASP.NET Core app does to its first 200;
// - same-work: also GET /api/todos doing what the API's list must do, the plainest way: signing keys
//   fetched from the issuer from start-up on, the bearer token validated with the API's rules by
//   JsonWebTokenHandler, the list's DynamoDB Query through the raw SDK, the items written as JSON.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var configuration = builder.Configuration;
var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("""{"items":[],"nextCursor":null}""", "application/json"));
switch (configuration["Floor:Mode"])
{
    case "hello":
        break;
    case "same-work":
        MapSameWorkList(app, configuration);
        break;
    default:
        throw new InvalidOperationException("Floor:Mode must be hello or same-work.");
}
app.Run();

static void MapSameWorkList(WebApplication app, IConfiguration configuration)
{
    var issuer = configuration["Auth:Authority"]!.TrimEnd('/');
    var clientId = configuration["Auth:ClientId"];
    var table = configuration["Table:Name"];
    var validation = ValidationParametersAsync(issuer); // begun now, awaited by the first request
    var tokens = new JsonWebTokenHandler { MapInboundClaims = false };
    var idAlphabet = SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz-");
    var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local-secret"),
        new AmazonDynamoDBConfig { ServiceURL = configuration["Aws:DynamoDbServiceUrl"], AuthenticationRegion = "us-east-1" });

    app.MapGet("/api/todos", async (HttpContext context) =>
    {
        var header = context.Request.Headers.Authorization.ToString();
        var result = header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? await tokens.ValidateTokenAsync(header["Bearer ".Length..], await validation)
            : null;
        // The API's checks after the signature: an access token, of our app client, for a plain user id.
        if (result is not { IsValid: true } || !Claim(result, "token_use", "access") || !Claim(result, "client_id", clientId)
            || ClaimValue(result, "sub") is not { Length: > 0 and <= 64 } user || user.AsSpan().ContainsAnyExcept(idAlphabet))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
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
        WriteItems(json, response.Items ?? []);
    });
}

// The API's TokenValidationParameters (src/TodoApp.Api/Accounts/AccessTokens.cs), with the keys the
// issuer's discovery document names.
static async Task<TokenValidationParameters> ValidationParametersAsync(string issuer)
{
    using var http = new HttpClient();
    using var discovery = JsonDocument.Parse(await http.GetStringAsync($"{issuer}/.well-known/openid-configuration"));
    var keys = new JsonWebKeySet(await http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
    return new TokenValidationParameters
    {
        ValidIssuer = issuer,
        ValidateAudience = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromMinutes(1),
        IssuerSigningKeys = keys.GetSigningKeys(),
    };
}

static string? ClaimValue(TokenValidationResult result, string name) =>
    result.Claims.TryGetValue(name, out var value) ? value as string : null;

static bool Claim(TokenValidationResult result, string name, string? expected) => ClaimValue(result, name) is { } value && value == expected;

static void WriteItems(Utf8JsonWriter json, List<Dictionary<string, AttributeValue>> items)
{
    json.WriteStartObject();
    json.WriteStartArray("items");
    foreach (var item in items)
    {
        json.WriteStartObject();
        foreach (var (name, value) in item)
        {
            if (value.S is { } s) json.WriteString(name, s);
            else if (value.N is { } n) json.WriteNumber(name, decimal.Parse(n, CultureInfo.InvariantCulture));
            else if (value.BOOL is { } b) json.WriteBoolean(name, b);
            else if (value.L is { } l) { json.WriteStartArray(name); foreach (var e in l) json.WriteStringValue(e.S); json.WriteEndArray(); }
        }
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteNull("nextCursor");
    json.WriteEndObject();
}
