using TodoApp.Core.Data;

namespace TodoApp.Core.Todos;

/// <summary>The todo list's cursor: the last todo id seen, scoped to the status filter (see <see cref="PageCursor"/>).</summary>
public static class TodoCursor
{
    public static string Encode(string userId, TodoStatusFilter filter, string lastTodoId) =>
        PageCursor.Encode(userId, Scope(filter), lastTodoId);

    public static bool TryDecode(string cursor, string userId, TodoStatusFilter filter, out string lastTodoId) =>
        PageCursor.TryDecode(cursor, userId, Scope(filter), out lastTodoId);

    private static string Scope(TodoStatusFilter filter) => $"1|{(int)filter}";
}
