using System.Text.Json.Serialization;
using TodoApp.Api.Attachments;
using TodoApp.Core.Todos;

namespace TodoApp.Api.Todos;

public sealed record CreateTodoRequest(string? Title, string? Notes, DateOnly? DueDate, string?[]? Labels);

/// <summary>The PATCH body, for the OpenAPI document; it is read by <see cref="TodoPatchReader"/> so that
/// an absent property ("leave it") and <c>null</c> ("clear it") stay distinct.</summary>
public sealed record UpdateTodoRequest(string? Title, string? Notes, bool? Completed, DateOnly? DueDate, string[]? Labels);

public sealed record TodoResponse(
    string Id,
    string Title,
    string? Notes,
    bool Completed,
    DateOnly? DueDate,
    IReadOnlyList<string> Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    long Version,
    IReadOnlyList<AttachmentResponse> Attachments)
{
    public static TodoResponse From(Todo todo, IReadOnlyList<AttachmentResponse>? attachments = null) => new(todo.Id, todo.Title, todo.Notes,
        todo.Completed, todo.DueDate, todo.Labels, todo.CreatedAt, todo.UpdatedAt, todo.CompletedAt, todo.Version, attachments ?? []);
}

public sealed record TodoPageResponse(IReadOnlyList<TodoResponse> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
