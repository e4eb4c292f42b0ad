using System.Text.Json;
using System.Text.Json.Serialization;
using TodoApp.Core.Orders;

namespace TodoApp.Api.Orders;

public sealed record CreateOrderRequest(string? Title, CreateOrderLine?[]? Items, DateOnly? DueDate, string? Notes);

public sealed record CreateOrderLine(string? Description, int? Quantity);

public sealed record OrderLineResponse(string Description, int Quantity);

public sealed record OrderResponse(
    string Id,
    string Status,
    string Title,
    IReadOnlyList<OrderLineResponse> Items,
    DateOnly? DueDate,
    string? Notes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Reason,
    IReadOnlyList<string> TodoIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderResponse From(Order order) => new(order.Id, Order.StatusName(order.Status), order.Title,
        order.Items.Select(i => new OrderLineResponse(i.Description, i.Quantity)).ToArray(),
        order.DueDate, order.Notes, order.Reason, order.TodoIds, order.CreatedAt, order.UpdatedAt);
}

public sealed record OrderPageResponse(IReadOnlyList<OrderResponse> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

/// <summary>The orders feature's own source-generated JSON, inserted into the API's resolver chain by <see cref="OrdersApi.AddOrders"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateOrderRequest))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderPageResponse))]
internal sealed partial class OrdersJsonContext : JsonSerializerContext;
