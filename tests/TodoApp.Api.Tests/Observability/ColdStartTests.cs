using System.Net.Http.Json;

namespace TodoApp.Api.Tests.Observability;

public sealed class ColdStartTests
{
    [Fact]
    public async Task TheReadinessProbeDoesNotUseUpTheColdStartOfTheFirstInvocation()
    {
        await using var api = await ApiHost.StartAsync();
        using var client = api.Client(Testing.SharedSystem.NewUserId());

        // What the Lambda Web Adapter does: poll /healthz until ready, then forward invocations.
        (await client.GetAsync("healthz")).EnsureSuccessStatusCode();
        (await client.GetAsync("healthz")).EnsureSuccessStatusCode();
        await CreateTodoAsync(client, "first-invocation");
        await CreateTodoAsync(client, "second-invocation");

        var first = Assert.Single(api.Logs.LinesWith("function_request_id", "first-invocation"));
        var second = Assert.Single(api.Logs.LinesWith("function_request_id", "second-invocation"));
        Assert.True(first.GetProperty("cold_start").GetBoolean());
        Assert.False(second.GetProperty("cold_start").GetBoolean());
        Assert.Equal("todo-api-fn", first.GetProperty("function_name").GetString());
    }

    private static async Task CreateTodoAsync(HttpClient client, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/todos") { Content = JsonContent.Create(new { title = "Cold or warm" }) };
        request.Headers.Add("x-amzn-lambda-context",
            $$$"""{"request_id":"{{{requestId}}}","deadline":1,"invoked_function_arn":"arn","xray_trace_id":"Root=1-5759e988-bd862e3fe1be46a994272793","env_config":{"function_name":"todo-api-fn"}}""");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
