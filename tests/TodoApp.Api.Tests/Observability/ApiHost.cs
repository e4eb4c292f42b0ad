using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TodoApp.Testing;

namespace TodoApp.Api.Tests.Observability;

/// <summary>
/// A second API of its own on a real Kestrel, composed exactly like the deployed one, over the shared
/// emulators: for what is per process (the cold start) or needs a broken dependency. Its log lines
/// are captured as the console would print them.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, CapturedLogs logs, Uri address) => (_app, Logs, Address) = (app, logs, address);

    public CapturedLogs Logs { get; }
    public Uri Address { get; }

    public static async Task<ApiHost> StartAsync(IDictionary<string, string?>? overrides = null, Action<WebApplication>? mapExtra = null)
    {
        var system = await SharedSystem.GetAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(system.App.Configuration.AsEnumerable().Where(p => p.Value is not null && p.Key != "urls"));
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTodoApi();
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        var app = builder.Build();
        app.MapTodoApi();
        mapExtra?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, logs, new Uri(address + "/"));
    }

    public HttpClient Client(string userId)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-dev-user", userId);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
