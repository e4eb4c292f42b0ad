using Microsoft.Extensions.Configuration;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.GitHub;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Functions.Tests.Hosting;

/// <summary>A bad setting fails the cold start, naming the setting, before any event is read (no emulator needed).</summary>
public sealed class FunctionSettingsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Table:Name"] = "todo-table",
        ["Media:BucketName"] = "media-bucket",
        ["Aws:Region"] = "us-east-1",
        ["GitHub:WebhookSecretParameter"] = "/todoapp/github/secret",
        ["GitHub:SlackWebhookUrlParameter"] = "/todoapp/slack/url",
    };

    [Theory]
    [InlineData("cleanup", "Cleanup:RetentionDays", "0")]
    [InlineData("cleanup", "Cleanup:RetentionDays", "thirty")]
    [InlineData("cleanup", "Cleanup:TimeoutSeconds", "-5")]
    [InlineData("cleanup", "Attachments:MaxBytes", "0")]
    [InlineData("cleanup", "Media:BucketName", "")]
    [InlineData("cleanup", "Table:Name", "")]
    [InlineData("thumbnails", "Attachments:MaxBytes", "-1")]
    [InlineData("thumbnails", "Attachments:MaxBytes", "ten megabytes")]
    [InlineData("thumbnails", "Media:BucketName", "")]
    [InlineData("order-processor", "Table:Name", "")]
    [InlineData("github-to-slack", "GitHub:WebhookSecretParameter", "")]
    [InlineData("github-to-slack", "GitHub:SlackMaxAttempts", "0")]
    [InlineData("github-to-slack", "GitHub:Budget", "00:00:30")]
    public void AFunctionRefusesToStartWithABadSettingAndNamesIt(string function, string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => Start(function, key, value).Dispose());
        // Options validation names the setting; a value the binder cannot convert names its path.
        Assert.True(error is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException, error.GetType().Name);
        Assert.True(error.ToString().Contains(key, StringComparison.Ordinal), error.ToString());
    }

    [Theory]
    [InlineData("cleanup", "Cleanup:RetentionDays", "7")]
    [InlineData("thumbnails", "Attachments:MaxBytes", "1048576")]
    [InlineData("order-processor", "Table:Name", "todo-table")]
    [InlineData("github-to-slack", "GitHub:SlackMaxAttempts", "2")]
    public void AFunctionStartsWithValidSettings(string function, string key, string value) => Start(function, key, value).Dispose();

    /// <summary>Each function as Lambda builds it (the GitHub one with its SSM secrets), over the given settings.</summary>
    private static IDisposable Start(string function, string key, string value) => function switch
    {
        "cleanup" => new CleanupFunction(Host(function, key, value)),
        "thumbnails" => new ThumbnailFunction(Host(function, key, value)),
        "order-processor" => new OrderProcessorFunction(Host(function, key, value)),
        _ => new GitHubToSlackFunction(Host(function, key, value, GitHubToSlackFunction.AddSsmSecrets)),
    };

    private static FunctionHost Host(string service, string key, string value,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>(Valid) { [key] = value };
        return new FunctionHost(service, new ConfigurationBuilder().AddInMemoryCollection(values).Build(), configure);
    }
}
