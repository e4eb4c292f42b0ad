using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

public sealed class OrderTests(ITestOutputHelper output)
{
    [Fact]
    public Task APlacedOrderBecomesAcceptedAndLinksToItsTodos() => AppSession.RunAsync(output, async app =>
    {
        await app.OpenAsync("/orders");
        await Expect(app.Page.GetByText("No orders yet")).ToBeVisibleAsync();

        await app.Page.GetByLabel("Order title").FillAsync("Office move");
        await app.Page.GetByLabel("Item 1", new() { Exact = true }).FillAsync("Pack boxes");
        await app.Page.GetByLabel("Quantity of item 1").FillAsync("12");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Expect(app.Page.GetByLabel("Item 2", new() { Exact = true })).ToBeFocusedAsync();
        await app.Page.GetByLabel("Item 2", new() { Exact = true }).FillAsync("Book a van");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        var order = app.Page.Locator("li.order").Filter(new() { HasText = "Office move" });
        await Expect(order).ToBeVisibleAsync();
        await Expect(order.Locator(".badge")).ToHaveTextAsync("Accepted", new() { Timeout = 20_000 });
        await Expect(app.Page.GetByLabel("Order title")).ToHaveValueAsync("");
        await Expect(app.Page.GetByLabel("Order title")).ToBeFocusedAsync();

        await order.GetByRole(AriaRole.Link, new() { Name = "Show the 2 todos it created" }).ClickAsync();
        await Expect(app.Page.Locator(".scope-banner")).ToContainTextAsync("Office move");
        await Expect(app.Page.Item("Pack boxes")).ToBeVisibleAsync();
        await Expect(app.Page.Item("Book a van")).ToBeVisibleAsync();
        await Expect(app.Page.Item("Pack boxes").Locator(".chip")).ToHaveTextAsync(["order"]);
    });

    [Fact]
    public Task OrderErrorsAreShownNextToTheirRows() => AppSession.RunAsync(output, async app =>
    {
        app.ExpectFailedRequests(); // the 400
        await app.OpenAsync("/orders");
        await app.Page.GetByLabel("Order title").FillAsync("Half done");
        await app.Page.GetByLabel("Item 1", new() { Exact = true }).FillAsync("Fine line");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await app.Page.GetByLabel("Quantity of item 2").FillAsync("5000");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Expect(app.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("fix the highlighted fields");
        await Expect(app.Page.GetByLabel("Item 2", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(app.Page.GetByLabel("Quantity of item 2")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(app.Page.GetByLabel("Item 1", new() { Exact = true })).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var page = await app.Api.GetFromJsonAsync<JsonObject>("/api/orders");
        Assert.Empty((JsonArray)page!["items"]!);
    });

    [Fact]
    public Task RetriesAfterANetworkErrorAndA503ReuseTheIdempotencyKey() => AppSession.RunAsync(output, async app =>
    {
        var keys = new List<string>();
        app.ExpectFailedRequests();
        await app.Page.RouteAsync("**/api/orders", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.FallbackAsync();
                return;
            }
            keys.Add((await route.Request.AllHeadersAsync())["idempotency-key"]);
            switch (keys.Count)
            {
                case 1:
                    await route.AbortAsync("connectionreset");
                    break;
                case 2:
                    await route.FulfillAsync(new()
                    {
                        Status = 503,
                        Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                        ContentType = "application/problem+json",
                        Body = """{"status":503,"title":"Service unavailable","detail":"Busy."}""",
                    });
                    break;
                default:
                    await route.FallbackAsync();
                    break;
            }
        });
        await app.OpenAsync("/orders");
        await app.Page.GetByLabel("Order title").FillAsync("Flaky network");
        await app.Page.GetByLabel("Item 1", new() { Exact = true }).FillAsync("Try again");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        var order = app.Page.Locator("li.order").Filter(new() { HasText = "Flaky network" });
        await Expect(order.Locator(".badge")).ToHaveTextAsync("Accepted", new() { Timeout = 20_000 });
        Assert.Equal(3, keys.Count);
        Assert.Single(keys.Distinct());
        var page = await app.Api.GetFromJsonAsync<JsonObject>("/api/orders");
        Assert.Single((JsonArray)page!["items"]!);
    });
}
