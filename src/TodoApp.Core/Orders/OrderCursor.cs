using TodoApp.Core.Data;

namespace TodoApp.Core.Orders;

/// <summary>The order list's cursor: the last order id seen (see <see cref="PageCursor"/>).</summary>
public static class OrderCursor
{
    private const string Scope = "o1";

    public static string Encode(string userId, string lastOrderId) => PageCursor.Encode(userId, Scope, lastOrderId);

    public static bool TryDecode(string cursor, string userId, out string lastOrderId) =>
        PageCursor.TryDecode(cursor, userId, Scope, out lastOrderId);
}
