using System.Globalization;
using TodoApp.Core.Aws;
using TodoApp.Functions.Cleanup;
using TodoApp.Functions.Events;
using TodoApp.Functions.Hosting;

namespace TodoApp.Local.Cleanup;

/// <summary>
/// What EventBridge Scheduler does in AWS: runs the cleanup function on a timer
/// (<c>Local:CleanupIntervalMinutes</c>, default 60) and on demand at <c>POST /_local/cleanup[?dryRun=true]</c>.
/// It talks to the S3 emulator directly (<paramref name="aws"/>), as the function talks to S3, not through
/// the browser-facing media proxy the API presigns against.
/// </summary>
public static partial class LocalCleanup
{
    public static WebApplication MapLocalCleanup(this WebApplication app, AwsOptions aws)
    {
        var s3 = AwsClients.S3(aws);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var function = new CleanupFunction(new FunctionHost("cleanup", app.Configuration, services => services.AddSingleton(loggers).AddSingleton(s3)));
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            function.Dispose();
            s3.Dispose();
        });
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TodoApp.Local.Cleanup");

        app.MapPost("/_local/cleanup", async (bool? dryRun, CancellationToken ct) =>
            TypedResults.Json(await function.RunAsync(dryRun ?? false, ct), CleanupJsonContext.Default.CleanupSummary))
            .ExcludeFromDescription();

        var interval = TimeSpan.FromMinutes(double.Parse(app.Configuration["Local:CleanupIntervalMinutes"] ?? "60", CultureInfo.InvariantCulture));
        app.Lifetime.ApplicationStarted.Register(() => _ = RunOnTimerAsync(function, interval, logger, app.Lifetime.ApplicationStopping));
        return app;
    }

    private static async Task RunOnTimerAsync(CleanupFunction function, TimeSpan interval, ILogger logger, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await function.RunAsync(dryRun: false, stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled local cleanup failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
