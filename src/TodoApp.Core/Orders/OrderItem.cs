using System.Globalization;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Orders;

/// <summary>How an <see cref="Order"/> is laid out as a DynamoDB item, and the order-related keys.</summary>
public static class OrderItem
{
    public const string Type = "Order";
    public const string OrderPrefix = "ORDER#";
    public const string IdempotencyPrefix = "IDEMPOTENCY#";

    /// <summary>
    /// PENDING orders are indexed (sparsely) in GSI1 so the cleanup job finds stuck ones with a range
    /// query; a few shards keep every order creation from writing to one hot index partition.
    /// </summary>
    public const int PendingShards = 4;

    public static string OrderKey(string orderId) => OrderPrefix + orderId;

    public static string PendingShard(int shard) => $"{OrderPrefix}PENDING#{shard}";

    /// <summary>The id's last character is random (UUID v7), so it spreads orders evenly over the shards.</summary>
    public static string PendingShardFor(string orderId) =>
        PendingShard(int.Parse(orderId.AsSpan(orderId.Length - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % PendingShards);

    /// <summary>Sorts by creation time, so "pending since before the cutoff" is one key range.</summary>
    public static string PendingSortKey(DateTimeOffset createdAt, string userId, string orderId) =>
        $"{Time(createdAt).S}#{userId}#{orderId}";

    public static Dictionary<string, AttributeValue> Key(string userId, string orderId) => new(2)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(OrderKey(orderId)),
    };

    public static Dictionary<string, AttributeValue> ToItem(string userId, Order order)
    {
        var item = Key(userId, order.Id);
        item["type"] = S(Type);
        item["id"] = S(order.Id);
        item["status"] = S(Order.StatusName(order.Status));
        item["title"] = S(order.Title);
        item["items"] = new AttributeValue { L = order.Items.Select(Line).ToList() };
        item["todoIds"] = List(order.TodoIds);
        item["createdAt"] = Time(order.CreatedAt);
        item["updatedAt"] = Time(order.UpdatedAt);
        if (order.DueDate is { } due)
        {
            item["dueDate"] = Date(due);
        }
        if (order.Notes is not null)
        {
            item["notes"] = S(order.Notes);
        }
        if (order.Reason is not null)
        {
            item["reason"] = S(order.Reason);
        }
        if (order.CorrelationId is not null)
        {
            item["correlationId"] = S(order.CorrelationId);
        }
        if (order.Status == OrderStatus.Pending)
        {
            item[Keys.Gsi1PK] = S(PendingShardFor(order.Id));
            item[Keys.Gsi1SK] = S(PendingSortKey(order.CreatedAt, userId, order.Id));
        }
        return item;
    }

    public static Order FromItem(Dictionary<string, AttributeValue> item) => new(
        Id: item.GetString("id"),
        Status: Enum.Parse<OrderStatus>(item.GetString("status"), ignoreCase: true),
        Title: item.GetString("title"),
        Items: item.TryGetValue("items", out var lines) && lines.L is { } list
            ? list.Select(l => new OrderLine(l.M.GetString("description"), (int)l.M.GetLong("quantity"))).ToArray()
            : [],
        DueDate: item.GetDateOrNull("dueDate"),
        Notes: item.GetStringOrNull("notes"),
        Reason: item.GetStringOrNull("reason"),
        TodoIds: item.GetStringList("todoIds"),
        CreatedAt: item.GetTime("createdAt"),
        UpdatedAt: item.GetTime("updatedAt"))
    {
        CorrelationId = item.GetStringOrNull("correlationId"),
    };

    private static AttributeValue Line(OrderLine line) => new()
    {
        M = new Dictionary<string, AttributeValue>
        {
            ["description"] = S(line.Description),
            ["quantity"] = N(line.Quantity),
        },
    };
}
