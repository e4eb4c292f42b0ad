using System.Net;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Todos;

public sealed class TodoCrudTests
{
    [Fact]
    public async Task CreatedTodoCanBeReadBackWithItsETagAndLocation()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());

        var response = await client.PostJsonAsync("/api/todos",
            """{"title":"  Buy milk  ","notes":"2 litres","dueDate":"2030-01-31","labels":["home","shop","home"]}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var created = await response.JsonAsync();
        Assert.Equal("Buy milk", (string?)created["title"]);
        Assert.Equal("2030-01-31", (string?)created["dueDate"]);
        Assert.Equal(["home", "shop"], created["labels"]!.AsArray().Select(l => (string?)l));
        Assert.False((bool)created["completed"]!);
        Assert.Null(created["completedAt"]);
        Assert.Equal($"/api/todos/{created["id"]}", response.Headers.Location?.ToString());

        var read = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        Assert.Equal("2 litres", (string?)(await read.JsonAsync())["notes"]);
    }

    [Fact]
    public async Task CompletingSetsCompletedAtAndUncompletingClearsIt()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Write report");

        var completed = await (await client.PatchJsonAsync($"/api/todos/{todo["id"]}", """{"completed":true}""")).JsonAsync();
        Assert.True((bool)completed["completed"]!);
        Assert.NotNull((string?)completed["completedAt"]);
        Assert.Equal(2, (long)completed["version"]!);

        var reopened = await (await client.PatchJsonAsync($"/api/todos/{todo["id"]}", """{"completed":false}""")).JsonAsync();
        Assert.False((bool)reopened["completed"]!);
        Assert.Null(reopened["completedAt"]);
    }

    [Fact]
    public async Task PatchWithNullClearsOptionalFieldsAndLeavesOthers()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Plan trip", ""","notes":"book hotel","dueDate":"2030-05-01","labels":["travel"]""");

        var response = await client.PatchJsonAsync($"/api/todos/{todo["id"]}", """{"notes":null,"dueDate":null,"labels":null}""");

        var patched = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Plan trip", (string?)patched["title"]);
        Assert.Null(patched["notes"]);
        Assert.Null(patched["dueDate"]);
        Assert.Empty(patched["labels"]!.AsArray());
    }

    [Fact]
    public async Task DeletedTodoIsGoneAndSecondDeleteIs404()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Temporary");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/todos/{todo["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/todos/{todo["id"]}")).StatusCode);
        var again = await client.DeleteAsync($"/api/todos/{todo["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("was not found", (string?)(await again.ProblemAsync())["detail"]);
    }

    [Fact]
    public async Task AnotherUserCannotSeeOrChangeMyTodo()
    {
        var system = await SharedSystem.GetAsync();
        var mine = system.ClientFor(SharedSystem.NewUserId());
        var theirs = system.ClientFor(SharedSystem.NewUserId());
        var todo = await mine.CreateTodoAsync("Private");

        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/todos/{todo["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.PatchJsonAsync($"/api/todos/{todo["id"]}", """{"title":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.DeleteAsync($"/api/todos/{todo["id"]}")).StatusCode);
        Assert.Empty((await (await theirs.GetAsync("/api/todos")).JsonAsync())["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/todos/{todo["id"]}")).StatusCode);
    }

    [Fact]
    public async Task HealthzAnswersWithoutTouchingDynamoDb()
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress };
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheTodoEndpoints()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/api/todos", paths.Select(p => p.Key));
        Assert.Contains("/api/todos/{id}", paths.Select(p => p.Key));
        Assert.NotNull(paths["/api/todos/{id}"]!["patch"]);
    }
}
