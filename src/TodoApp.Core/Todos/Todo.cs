namespace TodoApp.Core.Todos;

/// <param name="AttachmentCount">The attachment slots taken on the todo item. A slot changes in the same
/// transaction as its attachment item, so this is the number of attachment items, and zero means
/// "no attachments": readers skip the attachment query.</param>
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

    /// <summary>
    /// The todo as <see cref="TodoUpdateExpression"/> leaves it in the table, for writes that run in a
    /// transaction (which cannot return the new item).
    /// </summary>
    public Todo ApplyTo(Todo todo, DateTimeOffset now) => todo with
    {
        Title = Title?.Trim() ?? todo.Title,
        Notes = Notes ?? (ClearNotes ? null : todo.Notes),
        DueDate = DueDate ?? (ClearDueDate ? null : todo.DueDate),
        Labels = Labels is null ? todo.Labels : TodoRules.NormalizeLabels(Labels),
        Completed = Completed ?? todo.Completed,
        // Completing twice keeps the first completion time, as the update expression does.
        CompletedAt = Completed switch { true => todo.CompletedAt ?? now, false => null, null => todo.CompletedAt },
        UpdatedAt = now,
        Version = todo.Version + 1,
    };
}

public enum TodoStatusFilter
{
    All,
    Active,
    Completed,
}

public sealed record TodoPage(IReadOnlyList<Todo> Items, string? NextCursor);

public sealed record TodoCounts(int All, int Active, int Completed);
