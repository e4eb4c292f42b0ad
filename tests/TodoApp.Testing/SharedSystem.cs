using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using TodoApp.Local;

namespace TodoApp.Testing;

/// <summary>
/// One local system (emulators + API on a real Kestrel, free ports, in-memory data) per test
/// process. Tests isolate themselves by user id, so they can share it and run in parallel.
/// </summary>
public static class SharedSystem
{
    private static readonly Lazy<Task<LocalSystem>> Instance = new(StartAsync);

    public static Task<LocalSystem> GetAsync() => Instance.Value;

    /// <summary>
    /// Every line the shared system's logger factory writes (API, order processor, cleanup, webhook),
    /// exactly as the console gets it. Tests pick their own lines by correlation id.
    /// </summary>
    public static CapturedLogs Logs { get; } = new();

    private static async Task<LocalSystem> StartAsync()
    {
        var system = await LocalSystem.StartAsync(new LocalSystemOptions
        {
            DefaultUrls = "http://127.0.0.1:0",
            Configuration =
            {
                // Failed order messages reappear after 1 s instead of 180 s, so the DLQ fills within a test.
                ["Local:Orders:VisibilityTimeoutSeconds"] = "1",
                ["Local:Orders:WaitTimeSeconds"] = "1",
            },
        });
        system.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(Logs);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => system.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return system;
    }

    /// <summary>A fresh user id, so a test sees only the data it made.</summary>
    public static string NewUserId() => "t-" + Guid.NewGuid().ToString("N");

    public static HttpClient ClientFor(this LocalSystem system, string userId)
    {
        var client = new HttpClient { BaseAddress = system.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-dev-user", userId);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
