using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Api.Tests.Observability;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Integrity;

/// <summary>
/// A transaction that keeps meeting others on the same items. DynamoDB Local serialises transactions,
/// so the contention comes from a stand-in DynamoDB endpoint at the HTTP edge that cancels every
/// TransactWriteItems with TransactionConflict, as the service does for items under another transaction.
/// </summary>
public sealed class ContentionTests
{
    [Fact]
    public async Task AConflictThatPersistsIsRetriedThenAnswered503WithRetryAfter()
    {
        await using var dynamo = await ConflictingDynamo.StartAsync();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Aws:DynamoDbServiceUrl"] = dynamo.Url });
        using var client = api.Client(SharedSystem.NewUserId());

        var response = await client.PostJsonAsync("api/todos", """{"title":"Contended"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        var problem = await response.ProblemAsync();
        Assert.Contains("retry", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // The first attempt and six jittered retries, then the answer.
        Assert.Equal(7, dynamo.Transactions);
    }

    private sealed class ConflictingDynamo : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _transactions;

        private ConflictingDynamo(WebApplication app) => _app = app;

        public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        public int Transactions => Volatile.Read(ref _transactions);

        public static async Task<ConflictingDynamo> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var fake = new ConflictingDynamo(app);
            app.MapPost("/", (HttpRequest request) =>
            {
                if (request.Headers["X-Amz-Target"] != "DynamoDB_20120810.TransactWriteItems")
                {
                    return Results.Content("""{"__type":"com.amazon.coral.service#InternalFailure","message":"not emulated"}""", "application/x-amz-json-1.0", statusCode: 500);
                }
                Interlocked.Increment(ref fake._transactions);
                return Results.Content("""
                    {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                     "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]",
                     "CancellationReasons":[{"Code":"None"},{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}]}
                    """, "application/x-amz-json-1.0", statusCode: 400);
            });
            await app.StartAsync();
            return fake;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
