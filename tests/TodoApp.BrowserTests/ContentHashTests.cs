using System.Security.Cryptography;
using TodoApp.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace TodoApp.BrowserTests;

/// <summary>CloudFront's origin access control for the API's function URL rejects a write without the body's hash.</summary>
public sealed class ContentHashTests(ITestOutputHelper output)
{
    [Fact]
    public Task EveryWriteCarriesTheSha256OfItsExactBody() => AppSession.RunAsync(output, async app =>
    {
        var writes = new List<IRequest>();
        app.Page.Request += (_, r) =>
        {
            if (r.Method is "POST" or "PUT" or "PATCH" && new Uri(r.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                writes.Add(r);
            }
        };
        await app.OpenAsync();
        await app.Page.AddTodoAsync("Hash me ✓");
        await app.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Completed: Hash me ✓" }).CheckAsync();
        await Expect(app.Page.Count("completed")).ToHaveTextAsync("1");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Edit Hash me ✓" }).ClickAsync();
        await app.Page.GetByLabel("Notes").FillAsync("naïve café, 日本語");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(app.Page.Item("Hash me ✓").Locator(".todo-notes")).ToHaveTextAsync("naïve café, 日本語");
        await app.Page.ExpectSavedAsync();
        await app.OpenAsync("/orders");
        await app.Page.GetByLabel("Order title").FillAsync("Hashed order");
        await app.Page.GetByLabel("Item 1", new() { Exact = true }).FillAsync("Widget");
        await app.Page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(app.Page.Locator("li.order")).ToHaveCountAsync(1);

        Assert.Equal(["POST", "PATCH", "PATCH", "POST"], writes.Select(w => w.Method));
        foreach (var write in writes)
        {
            var headers = await write.AllHeadersAsync();
            Assert.True(headers.TryGetValue("x-amz-content-sha256", out var sent), $"{write.Method} {write.Url} has no x-amz-content-sha256");
            var body = write.PostDataBuffer ?? [];
            Assert.NotEmpty(body);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), sent);
        }
    });
}
