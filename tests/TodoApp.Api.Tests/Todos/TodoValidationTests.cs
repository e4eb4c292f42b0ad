using System.Net;
using System.Text;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Todos;

public sealed class TodoValidationTests
{
    public static TheoryData<string, string> InvalidCreates => new()
    {
        { """{"title":""}""", "title" },
        { """{"title":"   "}""", "title" },
        { $$"""{"title":"{{new string('a', 201)}}"}""", "title" },
        { """{"title":"bell\u0007"}""", "title" },
        { $$"""{"title":"ok","notes":"{{new string('n', 2001)}}"}""", "notes" },
        { """{"title":"ok","labels":["a","b","c","d","e","f","g","h","i","j","k"]}""", "labels" },
        { """{"title":"ok","labels":["Upper"]}""", "labels" },
        { """{"title":"ok","labels":[""]}""", "labels" },
        { $$"""{"title":"ok","labels":["{{new string('l', 31)}}"]}""", "labels" },
        { """{"title":"ok","labels":["with space"]}""", "labels" },
        { """{"title":"ok","dueDate":"2030-02-30"}""", "dueDate" },
        { """{"title":"ok","dueDate":"tomorrow"}""", "dueDate" },
        { """{"title":"ok","color":"red"}""", "color" },
        { """{"title":42}""", "title" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task InvalidCreateIs400NamingTheFieldAndStoresNothing(string body, string field)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());

        var response = await client.PostJsonAsync("/api/todos", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
        Assert.Empty((await (await client.GetAsync("/api/todos")).JsonAsync())["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"title": "unterminated""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""null""")]
    [InlineData("")]
    [InlineData("""{"title":"a","title":"b"}""")]
    [InlineData("""{"\ud800":"x"}""")]
    public async Task MalformedJsonIs400ProblemDetails(string body)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var response = await client.PostJsonAsync("/api/todos", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)(await response.ProblemAsync())["detail"]));
    }

    [Fact]
    public async Task DeeplyNestedJsonIs400()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var body = """{"title":"a","notes":""" + new string('[', 500) + new string(']', 500) + "}";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/todos", body)).StatusCode);
    }

    [Fact]
    public async Task InvalidUtf8Is400()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var bytes = Encoding.UTF8.GetBytes("""{"title":"x"}""");
        bytes[10] = 0xFF;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/todos", content)).StatusCode);
    }

    [Fact]
    public async Task WrongContentTypeIs415()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var response = await client.PostAsync("/api/todos", new StringContent("""{"title":"x"}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (string?)(await response.ProblemAsync())["detail"]);
    }

    [Fact]
    public async Task BodyOver64KiBIs413()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var body = $$"""{"title":"x","notes":"{{new string('n', 70_000)}}"}""";
        var response = await client.PostJsonAsync("/api/todos", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("64 KiB", (string?)(await response.ProblemAsync())["detail"]);
    }

    [Fact]
    public async Task ADeleteWithABodyOver64KiBIs413AndDeletesNothing()
    {
        // The endpoint never reads the body, so only a check before routing can refuse it: otherwise the
        // todo is deleted and the connection then closed while the client is still sending.
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Kept");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/todos/{todo["id"]}")
        {
            Content = new StringContent(new string('x', 70_000), Encoding.UTF8, "application/json"),
        };

        var response = await client.SendAsync(delete);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/todos/{todo["id"]}")).StatusCode);
    }

    [Theory]
    [InlineData("""{}""", "body")]
    [InlineData("""{"completed":"yes"}""", "completed")]
    [InlineData("""{"title":null}""", "title")]
    [InlineData("""{"dueDate":"31/01/2030"}""", "dueDate")]
    [InlineData("""{"labels":[1]}""", "labels")]
    [InlineData("""{"owner":"someone-else"}""", "owner")]
    [InlineData("""{"title":"\ud800"}""", "body")]
    public async Task InvalidPatchIs400AndChangesNothing(string body, string field)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var todo = await client.CreateTodoAsync("Unchanged");

        var response = await client.PatchJsonAsync($"/api/todos/{todo["id"]}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
        var after = await (await client.GetAsync($"/api/todos/{todo["id"]}")).JsonAsync();
        Assert.Equal(1, (long)after["version"]!);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("UPPER")]
    [InlineData("a%00b")]
    public async Task MalformedIdsAre404(string id)
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/todos/{Uri.EscapeDataString(id)}")).StatusCode);
    }

    [Fact]
    public async Task UnknownApiPathIsJson404AndWrongMethodIs405()
    {
        var client = (await SharedSystem.GetAsync()).ClientFor(SharedSystem.NewUserId());
        var missing = await client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await missing.ProblemAsync();
        var wrongMethod = await client.PutAsync("/api/todos", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await wrongMethod.ProblemAsync();
    }
}
