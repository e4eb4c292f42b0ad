namespace TodoApp.Core.Todos;

/// <param name="AttachmentCount">The attachment slots reserved on the todo item. Never below the number
/// of attachment items (a slot is reserved before its item is written and freed after it is deleted),
/// so zero means "no attachments" and readers can skip the attachment query.</param>
public sealed record Todo(
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
    int AttachmentCount = 0);

/// <summary>What a caller supplies to create a todo; already validated by <see cref="TodoRules"/>.</summary>
public sealed record NewTodo(string Title, string? Notes, DateOnly? DueDate, IReadOnlyList<string> Labels);

/// <summary>
/// A partial update. <c>null</c> for a property means "leave it"; the <c>Clear*</c> flags mean
/// the client sent an explicit JSON <c>null</c> for an optional field.
/// </summary>
public sealed record TodoChanges
{
    public string? Title { get; init; }
    public bool? Completed { get; init; }
    public string? Notes { get; init; }
    public bool ClearNotes { get; init; }
    public DateOnly? DueDate { get; init; }
    public bool ClearDueDate { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }

    public bool IsEmpty =>
        Title is null && Completed is null && Notes is null && !ClearNotes &&
        DueDate is null && !ClearDueDate && Labels is null;
}

public enum TodoStatusFilter
{
    All,
    Active,
    Completed,
}

public sealed record TodoPage(IReadOnlyList<Todo> Items, string? NextCursor);

public sealed record TodoCounts(int All, int Active, int Completed);
