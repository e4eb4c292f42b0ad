using System.Diagnostics.CodeAnalysis;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.GitHub;
using TodoApp.Functions.Hosting;
using TodoApp.Functions.Orders;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Functions.Host;

/// <summary>
/// The function this binary was built for. Each switch is a feature switch set by the project file from
/// <c>-p:Function</c>; the AOT compiler takes it as a constant, so the branches of the other functions and
/// everything only they use (NetVips, the S3 and SQS clients, the SSM client) are not compiled in.
/// </summary>
public static class ChosenFunction
{
    /// <summary>The switch of function <c>f</c> is <c>TodoApp.Functions.f</c>, as the project file sets it.</summary>
    public const string SwitchPrefix = "TodoApp.Functions.";

    [FeatureSwitchDefinition("TodoApp.Functions.thumbnails")]
    private static bool Thumbnails => AppContext.TryGetSwitch("TodoApp.Functions.thumbnails", out var on) && on;

    [FeatureSwitchDefinition("TodoApp.Functions.orders")]
    private static bool Orders => AppContext.TryGetSwitch("TodoApp.Functions.orders", out var on) && on;

    [FeatureSwitchDefinition("TodoApp.Functions.cleanup")]
    private static bool Cleanup => AppContext.TryGetSwitch("TodoApp.Functions.cleanup", out var on) && on;

    [FeatureSwitchDefinition("TodoApp.Functions.github")]
    public static bool GitHub => AppContext.TryGetSwitch("TodoApp.Functions.github", out var on) && on;

    /// <summary>Built once per execution environment, before the adapter's readiness check passes.</summary>
    public static (FunctionHost Host, Func<Stream, Task<Stream>> Handle, IDisposable Function) Create()
    {
        if (Thumbnails)
        {
            var host = new FunctionHost("thumbnails");
            var function = new ThumbnailFunction(host);
            return (host, function.HandleAsync, function);
        }
        if (Orders)
        {
            var host = new FunctionHost(OrderProcessorFunction.ServiceName);
            var function = new OrderProcessorFunction(host);
            return (host, function.HandleAsync, function);
        }
        if (Cleanup)
        {
            var host = new FunctionHost("cleanup");
            var function = new CleanupFunction(host);
            return (host, function.HandleAsync, function);
        }
        if (GitHub)
        {
            var host = new FunctionHost(GitHubToSlackFunction.ServiceName, configure: GitHubToSlackFunction.AddSsmSecrets);
            var function = new GitHubToSlackFunction(host);
            return (host, function.HandleAsync, function);
        }
        throw new InvalidOperationException("This binary was built for no function: publish it with -p:Function=thumbnails, orders, cleanup or github.");
    }
}
