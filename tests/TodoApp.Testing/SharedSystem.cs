using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TodoApp.Local;
using TodoApp.Local.Accounts;

namespace TodoApp.Testing;

/// <summary>
/// One local system (emulators + API on a real Kestrel, free ports, in-memory data) per test
/// process. Tests isolate themselves by user id, so they can share it and run in parallel.
/// </summary>
public static class SharedSystem
{
    private static readonly Lazy<Task<LocalSystem>> Instance = new(StartAsync);
    private static readonly LogTap Tap = new();

    public static Task<LocalSystem> GetAsync() => Instance.Value;

    /// <summary>
    /// What the shared system logs (API, local function hosts, Kestrel) from now until the capture is
    /// disposed. Tests run in parallel, so a test picks its own lines by their correlation id.
    /// </summary>
    public static async Task<CapturedLogs> CaptureLogsAsync()
    {
        await GetAsync();
        return Tap.Start();
    }

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
        system.Services.GetRequiredService<ILoggerFactory>().AddProvider(Tap);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => system.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return system;
    }

    /// <summary>A fresh user id, so a test sees only the data it made.</summary>
    public static string NewUserId() => "t-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// A client signed in as <paramref name="userId"/>: every request carries a real access token from
    /// the local provider (fetched on first use, then cached per user), in the header the browser uses.
    /// </summary>
    public static HttpClient ClientFor(this LocalSystem system, string userId)
    {
        var client = new HttpClient(new AccessTokenHandler(system, userId) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = system.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A client with no token at all, as a signed-out caller.</summary>
    public static HttpClient AnonymousClient(this LocalSystem system) =>
        new() { BaseAddress = system.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The user's cached access token (tokens live an hour; a test run is minutes).</summary>
    public static Task<string> AccessTokenAsync(this LocalSystem system, string userId) =>
        Tokens.GetOrAdd((system.Identity.Authority, userId), key => system.Identity.AccessTokenAsync(key.User));

    private static readonly ConcurrentDictionary<(string Authority, string User), Task<string>> Tokens = new();

    private sealed class AccessTokenHandler(LocalSystem system, string userId) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains(LocalAccounts.TokenHeader) && request.Headers.Authorization is null)
            {
                request.Headers.Add(LocalAccounts.TokenHeader, "Bearer " + await system.AccessTokenAsync(userId));
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
