using TodoApp.Core.Todos;

namespace TodoApp.Core.Orders;

/// <summary>The limits of an order, shared by the API (which validates) and the processor (which relies on them).</summary>
public static class OrderRules
{
    public const int ItemsMax = 50;
    public const int QuantityMax = 1000;

    /// <summary>A line's description becomes a todo title, so it obeys the same limit.</summary>
    public const int DescriptionMax = TodoRules.TitleMax;

    /// <summary>Order notes are copied into each todo's notes after a header of at most ~330 characters (the order title included).</summary>
    public const int NotesMax = TodoRules.NotesMax - 400;

    /// <summary>The business rule that needs current state: how many open todos a user may hold.</summary>
    public const int OpenTodosMax = 500;

    public static string? CheckItemCount(int count) =>
        count is < 1 or > ItemsMax ? $"An order has 1 to {ItemsMax} items." : null;

    public static string? CheckDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "Description is required.";
        }
        if (trimmed.Length > DescriptionMax)
        {
            return $"Description must be at most {DescriptionMax} characters.";
        }
        return trimmed.Any(char.IsControl) ? "Description must not contain control characters." : null;
    }

    public static string? CheckQuantity(int? quantity) =>
        quantity is null or < 1 or > QuantityMax ? $"Quantity must be a whole number from 1 to {QuantityMax}." : null;

    public static string? CheckNotes(string? notes) =>
        notes is { Length: > NotesMax } ? $"Notes must be at most {NotesMax} characters." : null;

    /// <summary>Why an order whose todos would break a limit is rejected: the open-todo limit, or the cap on all todos.</summary>
    public static string RejectionReason(TodoCounts counts, int adding) =>
        counts.Active + adding > OpenTodosMax
            ? $"A user may hold at most {OpenTodosMax} open todos: you have {counts.Active} and this order would add {adding}."
            : $"A user may hold at most {TodoSummary.TodosMax} todos: you have {counts.All} and this order would add {adding}.";
}
