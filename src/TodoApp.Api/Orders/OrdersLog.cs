namespace TodoApp.Api.Orders;

/// <summary>The Orders endpoints' log lines, all under this feature's own category (not a Core store's).</summary>
public sealed partial class OrdersLog(ILogger<OrdersLog> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} placed with {ItemCount} items")]
    public partial void Placed(string orderId, int itemCount);
}
