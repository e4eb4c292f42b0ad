using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Hosting;

/// <summary>
/// The function host's side of the Lambda Web Adapter, one request at a time: what the adapter POSTs to the
/// pass-through path, and what it makes of the answer (the body is the invocation's result; a 500 fails it).
/// </summary>
public sealed class FunctionEndpointsTests
{
    private static readonly WebAdapterSettings Adapter = new(8080, "/events");

    [Fact]
    public async Task TheOrderProcessorsBatchResponseIsTheBodyAndNamesOnlyTheBadMessage()
    {
        using var logs = new CapturedLogs();
        using var function = new OrderProcessorFunction(FunctionHosts.Create(OrderProcessorFunction.ServiceName,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Table:Name"] = "todo-table", ["Aws:Region"] = "us-east-1" }).Build(), logs.Factory));
        var endpoint = FunctionEndpoints.Create(Adapter, function.HandleAsync, NullLogger.Instance, behindFunctionUrl: false);

        var (status, contentType, body) = await PostAsync(endpoint, "/events",
            """{"Records":[{"messageId":"m-1","receiptHandle":"r","body":"not an order","eventSource":"aws:sqs"}]}""",
            """{"request_id":"c0ffee00-lambda","deadline":4102444800000,"invoked_function_arn":"arn:aws:lambda:us-east-1:123456789012:function:orders","xray_trace_id":""}""");

        Assert.Equal((200, "application/json"), (status, contentType));
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-1"}]}""", body);
        // Lambda's own request id, from the adapter's header, not the message id the event carries.
        Assert.NotEmpty(logs.LinesWith("function_request_id", "c0ffee00-lambda"));
        Assert.Empty(logs.LinesWith("function_request_id", "m-1"));
    }

    [Fact]
    public async Task AHandlerThatThrowsAnswers500SoTheAdapterFailsTheInvocation()
    {
        var endpoint = FunctionEndpoints.Create(Adapter, _ => throw new IOException("S3 went away"), NullLogger.Instance, behindFunctionUrl: false);

        var (status, contentType, body) = await PostAsync(endpoint, "/events", """{"Records":[]}""");

        Assert.Equal((500, "application/problem+json"), (status, contentType));
        Assert.Contains("IOException: S3 went away", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/healthz", false, 200)]
    [InlineData("GET", "/events", false, 404)]
    [InlineData("POST", "/elsewhere", false, 404)]
    [InlineData("GET", "/healthz", true, 200)]
    public async Task OnlyTheReadinessPathAndTheFunctionsOwnRequestsAreAnswered(string method, string path, bool behindFunctionUrl, int expected)
    {
        var endpoint = FunctionEndpoints.Create(Adapter, _ => throw new InvalidOperationException("not for this request"), NullLogger.Instance, behindFunctionUrl);
        var context = new DefaultHttpContext { Request = { Method = method, Path = path } };

        await endpoint(context);

        Assert.Equal(expected, context.Response.StatusCode);
    }

    private static async Task<(int Status, string? ContentType, string Body)> PostAsync(RequestDelegate endpoint, string path, string body, string? lambdaContext = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (lambdaContext is not null)
        {
            context.Request.Headers[LambdaInvocation.Header] = lambdaContext;
        }
        var response = new MemoryStream();
        context.Response.Body = response;
        await endpoint(context);
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()));
    }
}
