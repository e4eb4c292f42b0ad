using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Orders;

/// <summary>
/// Owns the order item layout (<c>PK=USER#{userId}</c>, <c>SK=ORDER#{orderId}</c>) and the
/// idempotency-key items beside it. Every state change is one conditional write.
/// </summary>
public sealed partial class OrderStore(IAmazonDynamoDB dynamo, IOptions<TableOptions> table, TimeProvider clock)
{
    private readonly string _table = table.Value.Name;

    /// <summary>
    /// Stores a PENDING order under an id the caller chose (fresh, or remembered by an idempotency key).
    /// If that id already exists, the stored order is returned instead and nothing is overwritten.
    /// </summary>
    public async Task<(Order Order, bool Created)> CreateAsync(string userId, string orderId, NewOrder input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var order = new Order(orderId, OrderStatus.Pending, input.Title.Trim(),
            input.Items.Select(i => i with { Description = i.Description.Trim() }).ToArray(),
            input.DueDate, input.Notes, null, [], now, now) { CorrelationId = input.CorrelationId };
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = OrderItem.ToItem(userId, order),
                ConditionExpression = "attribute_not_exists(PK)",
            }, ct);
            return (order, true);
        }
        catch (ConditionalCheckFailedException)
        {
            var existing = await GetAsync(userId, orderId, ct) ?? throw new InvalidOperationException($"Order {orderId} exists and yet cannot be read.");
            return (existing, false);
        }
    }

    public async Task<Order?> GetAsync(string userId, string orderId, CancellationToken ct)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = OrderItem.Key(userId, orderId),
            ConsistentRead = true,
        }, ct);
        return response.IsItemSet && response.Item is { Count: > 0 } item ? OrderItem.FromItem(item) : null;
    }

    /// <summary>Newest first: order ids are time-ordered, so the sort key alone gives the order.</summary>
    public async Task<OrderPage> ListAsync(string userId, int limit, string? afterOrderId, CancellationToken ct)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "PK = :pk AND begins_with(SK, :prefix)",
            ExpressionAttributeValues = new()
            {
                [":pk"] = S(Keys.User(userId)),
                [":prefix"] = S(OrderItem.OrderPrefix),
            },
            ScanIndexForward = false,
            ConsistentRead = true,
            Limit = limit,
            ExclusiveStartKey = afterOrderId is null ? null : OrderItem.Key(userId, afterOrderId),
        }, ct);
        var items = (response.Items ?? []).Select(OrderItem.FromItem).ToArray();
        var cursor = response.LastEvaluatedKey is { Count: > 0 } last
            ? OrderCursor.Encode(userId, last[Keys.SK].S[OrderItem.OrderPrefix.Length..])
            : null;
        return new OrderPage(items, cursor);
    }

    /// <summary>
    /// Moves a PENDING order to its final state and takes it out of the pending index, in one write
    /// conditioned on it still being PENDING. False means it was already final: a redelivery, a no-op.
    /// </summary>
    public async Task<bool> FinishAsync(string userId, string orderId, OrderStatus status, string? reason, IReadOnlyList<string> todoIds, CancellationToken ct)
    {
        if (status == OrderStatus.Pending)
        {
            throw new ArgumentOutOfRangeException(nameof(status), "An order can only leave PENDING.");
        }
        var values = new Dictionary<string, AttributeValue>
        {
            [":status"] = S(Order.StatusName(status)),
            [":pending"] = S(Order.StatusName(OrderStatus.Pending)),
            [":todoIds"] = List(todoIds),
            [":now"] = Time(clock.GetUtcNow()),
        };
        var set = "#status = :status, todoIds = :todoIds, updatedAt = :now";
        if (reason is not null)
        {
            values[":reason"] = S(reason);
            set += ", reason = :reason";
        }
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = OrderItem.Key(userId, orderId),
                UpdateExpression = $"SET {set} REMOVE {Keys.Gsi1PK}, {Keys.Gsi1SK}",
                ConditionExpression = "#status = :pending",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = values,
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
