using TodoApp.Core.Orders;
using TodoApp.Core.Todos;

namespace TodoApp.Core.Tests.Todos;

public sealed class TodoCursorTests
{
    [Fact]
    public void RoundTripsForTheSameUserAndFilter()
    {
        var cursor = TodoCursor.Encode("alice", TodoStatusFilter.Active, "0190abcd");
        Assert.True(TodoCursor.TryDecode(cursor, "alice", TodoStatusFilter.Active, out var id));
        Assert.Equal("0190abcd", id);
    }

    [Theory]
    [InlineData("bob", TodoStatusFilter.Active)]
    [InlineData("alice", TodoStatusFilter.All)]
    public void IsRejectedForAnotherUserOrFilter(string user, TodoStatusFilter filter)
    {
        var cursor = TodoCursor.Encode("alice", TodoStatusFilter.Active, "0190abcd");
        Assert.False(TodoCursor.TryDecode(cursor, user, filter, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("MXwwfDAxOTBhYmNk")] // "1|0|0190abcd" without a checksum
    public void GarbageIsRejected(string cursor) =>
        Assert.False(TodoCursor.TryDecode(cursor, "alice", TodoStatusFilter.All, out _));

    [Fact]
    public void EveryByteFlipIsDetected()
    {
        var cursor = TodoCursor.Encode("alice", TodoStatusFilter.All, "0190abcd");
        for (var i = 0; i < cursor.Length; i++)
        {
            var flipped = cursor[..i] + (cursor[i] == 'x' ? 'y' : 'x') + cursor[(i + 1)..];
            Assert.False(TodoCursor.TryDecode(flipped, "alice", TodoStatusFilter.All, out _), $"flip at {i} was accepted");
        }
    }

    [Fact]
    public void TheOrderListsCursorRoundTripsForItsUserOnly()
    {
        var cursor = OrderCursor.Encode("alice", "0190abcd");
        Assert.True(OrderCursor.TryDecode(cursor, "alice", out var id));
        Assert.Equal("0190abcd", id);
        Assert.False(OrderCursor.TryDecode(cursor, "bob", out _));
    }

    [Fact]
    public void ACursorOfOneListIsRejectedByTheOther()
    {
        Assert.False(TodoCursor.TryDecode(OrderCursor.Encode("alice", "0190abcd"), "alice", TodoStatusFilter.All, out _));
        Assert.False(OrderCursor.TryDecode(TodoCursor.Encode("alice", TodoStatusFilter.All, "0190abcd"), "alice", out _));
    }
}
