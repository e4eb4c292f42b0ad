using System.Globalization;
using System.Security.Claims;
using Amazon.SQS;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TodoApp.Api.Accounts;
using TodoApp.Api.Infrastructure;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Orders;
using TodoApp.Core.Settings;

namespace TodoApp.Api.Orders;

public static partial class OrdersApi
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddSettings(OrdersOptions.Section, section => section.Get<OrdersOptions>(), new OrdersOptionsValidator());
        services.TryAddSingleton<IAmazonSQS>(sp => AwsClients.Sqs(sp.GetRequiredService<AwsOptions>()));
        services.AddSingleton<OrderStore>();
        services.AddSingleton<OrderSender>();
        services.AddSingleton<OrdersLog>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, OrdersJsonContext.Default));
        return services;
    }

    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/orders").WithTags("Orders");
        group.MapGet("/", List).WithName("ListOrders").WithSummary("Lists orders, newest first, one page at a time.");
        group.MapPost("/", Create).WithName("PlaceOrder")
            .WithSummary("Places an order; it is processed asynchronously. Send an Idempotency-Key header to retry safely.")
            .ProducesProblem(422).ProducesProblem(503);
        group.MapGet("/{id}", Get).WithName("GetOrder").WithSummary("Gets one order and its status.").ProducesProblem(404);
        return group;
    }

    public static async Task<Results<Accepted<OrderResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateOrderRequest body, HttpContext http, ClaimsPrincipal user, OrderStore store, OrderSender sender,
        TimeProvider clock, OrdersLog log, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var key = http.Request.Headers[OrderRequestReader.IdempotencyHeader].ToString();
        if (http.Request.Headers.ContainsKey(OrderRequestReader.IdempotencyHeader) && OrderRequestReader.CheckIdempotencyKey(key) is { } keyError)
        {
            errors[OrderRequestReader.IdempotencyHeader] = [keyError];
        }
        var input = OrderRequestReader.Read(body, errors);
        if (input is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var userId = user.UserId();
        var orderId = Ids.New(clock);
        if (key.Length > 0)
        {
            var claim = await store.ClaimIdempotencyKeyAsync(userId, key, OrderRequestReader.Hash(body), orderId, ct);
            if (!claim.SameRequest)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                    detail: $"The {OrderRequestReader.IdempotencyHeader} was already used for a different order request. Use a new key for a new order.");
            }
            orderId = claim.OrderId;
        }
        // A replayed key lands here with the remembered id: the order is created if an earlier attempt
        // died before storing it, and a still-PENDING order is sent again (the processor is idempotent).
        var (order, created) = await store.CreateAsync(userId, orderId, input with { CorrelationId = http.CorrelationId() }, ct);
        if (created)
        {
            log.Placed(order.Id, order.Items.Count);
        }
        if (order.Status == OrderStatus.Pending && !await sender.SendAsync(new OrderMessage(order.Id, userId, http.CorrelationId()), ct))
        {
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Order not queued yet",
                detail: "The order was saved but could not be queued for processing. It will be queued again automatically; " +
                        $"you can also retry this request with the same {OrderRequestReader.IdempotencyHeader}.",
                extensions: new Dictionary<string, object?> { ["orderId"] = order.Id });
        }
        return TypedResults.Accepted($"/api/orders/{order.Id}", OrderResponse.From(order));
    }

    public static async Task<Results<Ok<OrderPageResponse>, ValidationProblem>> List(
        string? limit, string? cursor, ClaimsPrincipal user, OrderStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
        {
            errors["limit"] = ["Limit must be a whole number from 1 to 100."];
        }
        string? after = null;
        if (cursor is not null && !OrderCursor.TryDecode(cursor, user.UserId(), out after))
        {
            errors["cursor"] = ["The cursor is not valid for this list. Start again without a cursor."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var page = await store.ListAsync(user.UserId(), pageSize, after, ct);
        return TypedResults.Ok(new OrderPageResponse(page.Items.Select(OrderResponse.From).ToArray(), page.NextCursor));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(string id, ClaimsPrincipal user, OrderStore store, CancellationToken ct)
    {
        var order = Ids.IsWellFormed(id) ? await store.GetAsync(user.UserId(), id, ct) : null;
        return order is null ? ApiProblemDetails.NotFound($"Order '{id}'") : TypedResults.Ok(OrderResponse.From(order));
    }
}
