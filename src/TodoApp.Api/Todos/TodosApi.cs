using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoApp.Api.Attachments;
using TodoApp.Api.Accounts;
using TodoApp.Api.Infrastructure;
using TodoApp.Core.Data;
using TodoApp.Core.Observability;
using TodoApp.Core.Todos;

namespace TodoApp.Api.Todos;

public static partial class TodosApi
{
    public static IServiceCollection AddTodos(this IServiceCollection services) => services.AddSingleton<TodoStore>().AddSingleton<TodosLog>();

    public static RouteGroupBuilder MapTodos(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/todos").WithTags("Todos");
        group.MapGet("/", List).WithName("ListTodos").WithSummary("Lists todos, newest first, one page at a time; with ?order=ID, the todos that order created.");
        group.MapGet("/counts", Counts).WithName("CountTodos").WithSummary("Counts all, active and completed todos.");
        group.MapPost("/", Create).WithName("CreateTodo").WithSummary("Creates a todo.").ProducesProblem(409);
        group.MapGet("/{id}", Get).WithName("GetTodo").WithSummary("Gets one todo.").ProducesProblem(404);
        group.MapPatch("/{id}", Update).WithName("UpdateTodo").WithSummary("Changes some fields of a todo.")
            .Accepts<UpdateTodoRequest>("application/json", "application/merge-patch+json").ProducesProblem(404).ProducesProblem(412);
        group.MapDelete("/{id}", Delete).WithName("DeleteTodo").WithSummary("Deletes a todo.").ProducesProblem(404);
        return group;
    }

    public static async Task<Results<Ok<TodoPageResponse>, ValidationProblem>> List(
        string? status, string? limit, string? cursor, string? order, ClaimsPrincipal user, TodoStore store, TodoAttachments attachments, CancellationToken ct)
    {
        if (order is not null)
        {
            return await ListForOrder(order, status is not null || limit is not null || cursor is not null, user, store, attachments, ct);
        }
        var errors = new Dictionary<string, string[]>();
        var filter = TodoStatusFilter.All;
        if (status is not null && !Enum.TryParse(status, ignoreCase: true, out filter) || !Enum.IsDefined(filter))
        {
            errors["status"] = ["Status must be one of all, active, completed."];
        }
        var pageSize = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
        {
            errors["limit"] = ["Limit must be a whole number from 1 to 100."];
        }
        string? after = null;
        if (cursor is not null && errors.Count == 0 && !TodoCursor.TryDecode(cursor, user.UserId(), filter, out after))
        {
            errors["cursor"] = ["The cursor is not valid for this list. Start again without a cursor."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var page = await store.ListAsync(user.UserId(), filter, pageSize, after, ct);
        return TypedResults.Ok(new TodoPageResponse(await WithAttachmentsAsync(page.Items, user, attachments, ct), page.NextCursor));
    }

    /// <summary><c>?order=ID</c>: the todos that order created (at most 50, one page), in line order.</summary>
    private static async Task<Results<Ok<TodoPageResponse>, ValidationProblem>> ListForOrder(
        string order, bool withPaging, ClaimsPrincipal user, TodoStore store, TodoAttachments attachments, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(order) || order.Contains('-', StringComparison.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["Order must be an order id as the orders API returns it."] });
        }
        if (withPaging)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["An order's todos come in one page: leave out status, limit and cursor."] });
        }
        var todos = await store.ListForOrderAsync(user.UserId(), order, ct);
        return TypedResults.Ok(new TodoPageResponse(await WithAttachmentsAsync(todos, user, attachments, ct), null));
    }

    private static async Task<TodoResponse[]> WithAttachmentsAsync(IReadOnlyList<Todo> todos, ClaimsPrincipal user, TodoAttachments attachments, CancellationToken ct)
    {
        var attached = await attachments.ForTodosAsync(user.UserId(), todos, ct);
        var items = new TodoResponse[todos.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = TodoResponse.From(todos[i], attached.GetValueOrDefault(todos[i].Id));
        }
        return items;
    }

    public static async Task<Ok<TodoCounts>> Counts(ClaimsPrincipal user, TodoStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.CountAsync(user.UserId(), ct));

    public static async Task<Results<Created<TodoResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTodoRequest body, ClaimsPrincipal user, TodoStore store, HttpResponse response, Metrics metrics, TodosLog log, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        errors.AddIfInvalid("title", TodoRules.CheckTitle(body.Title));
        errors.AddIfInvalid("notes", TodoRules.CheckNotes(body.Notes));
        errors.AddIfInvalid("labels", TodoRules.CheckLabels(body.Labels));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var created = await store.CreateAsync(user.UserId(), new NewTodo(body.Title!, body.Notes, body.DueDate, body.Labels?.OfType<string>().ToArray() ?? []), ct);
        if (created.Todo is not { } todo)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many todos",
                detail: $"A user may hold at most {TodoSummary.TodosMax:N0} todos. Delete some before adding more.");
        }
        log.Created(todo.Id);
        metrics.Count("TodosCreated");
        response.Headers.ETag = ETag(todo.Version);
        return TypedResults.Created($"/api/todos/{todo.Id}", TodoResponse.From(todo, []));
    }

    public static async Task<Results<Ok<TodoResponse>, ProblemHttpResult>> Get(
        string id, ClaimsPrincipal user, TodoStore store, TodoAttachments attachments, HttpResponse response, CancellationToken ct)
    {
        var todo = Ids.IsWellFormed(id) ? await store.GetAsync(user.UserId(), id, ct) : null;
        if (todo is null)
        {
            return ApiProblemDetails.NotFound($"Todo '{id}'");
        }
        response.Headers.ETag = ETag(todo.Version);
        return TypedResults.Ok(TodoResponse.From(todo, await attachments.ForTodoAsync(user.UserId(), todo, ct)));
    }

    public static async Task<Results<Ok<TodoResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string id, JsonElement body, HttpRequest request, ClaimsPrincipal user, TodoStore store, TodoAttachments attachments, Metrics metrics, TodosLog log, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(id))
        {
            return ApiProblemDetails.NotFound($"Todo '{id}'");
        }
        var errors = new Dictionary<string, string[]>();
        var expectedVersion = ParseIfMatch(request.Headers.IfMatch.ToString(), errors);
        var changes = TodoPatchReader.Read(body, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await store.UpdateAsync(user.UserId(), id, changes, expectedVersion, ct);
        switch (result.Outcome)
        {
            case WriteOutcome.NotFound:
                return ApiProblemDetails.NotFound($"Todo '{id}'");
            case WriteOutcome.VersionMismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed elsewhere",
                    detail: $"The todo is at version {result.Todo!.Version}, not {expectedVersion}. Reload it and apply your change again.");
        }
        if (changes.Completed == true && result.Todo!.CompletedAt == result.Todo.UpdatedAt)
        {
            log.Completed(id);
            metrics.Count("TodosCompleted");
        }
        request.HttpContext.Response.Headers.ETag = ETag(result.Todo!.Version);
        return TypedResults.Ok(TodoResponse.From(result.Todo, await attachments.ForTodoAsync(user.UserId(), result.Todo, ct)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, TodoStore store, TodoAttachments attachments, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(id))
        {
            return ApiProblemDetails.NotFound($"Todo '{id}'");
        }
        var deletion = await store.DeleteAsync(user.UserId(), id, only: null, ct);
        if (deletion.Outcome != DeleteOutcome.Deleted)
        {
            return ApiProblemDetails.NotFound($"Todo '{id}'");
        }
        // The records went with the todo; their files follow (an interrupted run leaves objects the cleanup collects).
        await attachments.DeleteFilesAsync(deletion.Attachments, ct);
        return TypedResults.NoContent();
    }

    private static string ETag(long version) => $"\"{version}\"";

    /// <summary>Accepts <c>"7"</c>, <c>W/"7"</c> or <c>*</c>; anything else is the caller's mistake.</summary>
    private static long? ParseIfMatch(string header, Dictionary<string, string[]> errors)
    {
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (value.Length > 2 && value[0] == '"' && value[^1] == '"' &&
            long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }
        errors["If-Match"] = ["If-Match must be the ETag from the last read, for example \"3\"."];
        return null;
    }

}
