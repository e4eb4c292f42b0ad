using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TodoApp.Api.Accounts;
using TodoApp.Api.Orders;
using TodoApp.Core.Aws;
using TodoApp.Core.Orders;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Orders;

public sealed class OrderSendFailureTests
{
    [Fact]
    public async Task WhenTheQueueIsUnreachableTheAnswerIs503AndTheOrderStaysPendingForCleanup()
    {
        var system = await SharedSystem.GetAsync();
        var store = system.Services.GetRequiredService<OrderStore>();
        using var sqs = AwsClients.Sqs(system.Aws);
        // A queue that does not exist: every send fails, as during an SQS outage.
        var sender = new OrderSender(sqs, Options.Create(new OrdersOptions { QueueUrl = system.QueueUrls["OrdersQueue"] + "-missing" }), TimeProvider.System, NullLogger<OrderSender>.Instance);
        var userId = SharedSystem.NewUserId();
        var http = new DefaultHttpContext();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CurrentUser.SubjectClaim, userId)], "test"));
        var body = new CreateOrderRequest("Offline", [new CreateOrderLine("Item", 1)], null, null);

        var result = await OrdersApi.Create(body, http, user, store, sender, TimeProvider.System, new OrdersLog(NullLogger<OrdersLog>.Instance), default);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        var orderId = (string)problem.ProblemDetails.Extensions["orderId"]!;
        Assert.Equal(OrderStatus.Pending, (await store.GetAsync(userId, orderId, default))!.Status);
        var pending = await store.ListPendingAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, default);
        Assert.Contains(pending, p => p.OrderId == orderId && p.UserId == userId);
    }
}
