using System.Net;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Todos;

public sealed class TodoConcurrencyTests
{
    [Fact]
    public async Task TwoPatchesWithTheSameIfMatchGiveOne200AndOne412()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Contended");
        var url = $"/api/todos/{todo["id"]}";

        var responses = await Task.WhenAll(
            client.PatchJsonAsync(url, """{"title":"First writer"}""", "\"1\""),
            client.PatchJsonAsync(url, """{"title":"Second writer"}""", "\"1\""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = await responses.Single(r => r.IsSuccessStatusCode).JsonAsync();
        var stored = await (await client.GetAsync(url)).JsonAsync();
        Assert.Equal((string?)winner["title"], (string?)stored["title"]);
        Assert.Equal(2, (long)stored["version"]!);
    }

    [Fact]
    public async Task PatchWithStaleVersionReturns412AndTheCurrentVersion()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Versioned");
        var url = $"/api/todos/{todo["id"]}";
        var first = await client.PatchJsonAsync(url, """{"notes":"one"}""", "\"1\"");
        Assert.Equal("\"2\"", first.Headers.ETag?.ToString());

        var stale = await client.PatchJsonAsync(url, """{"notes":"two"}""", "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("version 2", (string?)(await stale.ProblemAsync())["detail"]);
        Assert.Equal("one", (string?)(await (await client.GetAsync(url)).JsonAsync())["notes"]);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"abc\"")]
    public async Task MalformedIfMatchIs400(string ifMatch)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("x");
        var response = await client.PatchJsonAsync($"/api/todos/{todo["id"]}", """{"title":"y"}""", ifMatch);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PatchOfMissingTodoIs404NotPreconditionFailed()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var response = await client.PatchJsonAsync("/api/todos/0123456789abcdef0123456789abcdef", """{"title":"y"}""", "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
