namespace TodoApp.Core.Orders;

public enum OrderStatus
{
    Pending,
    Accepted,
    Rejected,

    /// <summary>Set by operations (the cleanup job) for an order that could not be processed at all.</summary>
    Failed,
}

public sealed record OrderLine(string Description, int Quantity);

public sealed record Order(
    string Id,
    OrderStatus Status,
    string Title,
    IReadOnlyList<OrderLine> Items,
    DateOnly? DueDate,
    string? Notes,
    string? Reason,
    IReadOnlyList<string> TodoIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The correlation id of the request that placed the order; a re-sent message carries it again.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The wire and storage form: <c>PENDING</c>, <c>ACCEPTED</c>, ...</summary>
    public static string StatusName(OrderStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>
    /// The todo an order line turns into has an id derived from the order id and the line index,
    /// so a redelivered message writes the same keys again and a conditional put skips them.
    /// </summary>
    public static string TodoIdFor(string orderId, int lineIndex) => $"{orderId}-{lineIndex:D2}";
}

/// <summary>What a caller supplies to place an order; already validated by <see cref="OrderRules"/>.</summary>
public sealed record NewOrder(string Title, IReadOnlyList<OrderLine> Items, DateOnly? DueDate, string? Notes)
{
    /// <summary>The placing request's correlation id, stored with the order for end-to-end tracing.</summary>
    public string? CorrelationId { get; init; }
}

public sealed record OrderPage(IReadOnlyList<Order> Items, string? NextCursor);
