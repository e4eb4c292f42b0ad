using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Accounts;

public sealed class AccountSettingsTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["Table:Name"] = "TodoTable",
        ["Orders:QueueUrl"] = "http://127.0.0.1:1/queue/orders",
        ["Media:BucketName"] = "media",
        ["Aws:Region"] = "us-east-1",
        ["Auth:Authority"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123",
        ["Auth:ClientId"] = "app-client",
        ["urls"] = "http://127.0.0.1:0",
    };

    [Theory]
    [InlineData("Auth:Authority", null, "Auth:Authority is required")]
    [InlineData("Auth:ClientId", null, "Auth:ClientId is required")]
    [InlineData("Auth:Authority", "http://cognito.example.com/pool", "must be an https:// URL")]
    [InlineData("Auth:Authority", "not a url", "must be an https:// URL")]
    public async Task AMissingOrUnsafeAccountSettingFailsStartUp(string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?>(Complete) { [key] = value };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTodoApi();
        await using var app = builder.Build();
        app.MapTodoApi();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryApiEndpointRequiresASignedInUser()
    {
        var system = await SharedSystem.GetAsync();
        var endpoints = system.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null,
            $"{e.DisplayName} can be called without signing in"));
    }
}
