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

    /// <summary>A client signed in as <paramref name="userId"/>, sending Authorization as the Lambda Web Adapter hands it on.</summary>
    public HttpClient Client(string userId) =>
        new(new BearerToken(userId) { InnerHandler = new HttpClientHandler() }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    private sealed class BearerToken(string userId) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var system = await SharedSystem.GetAsync();
            request.Headers.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await system.AccessTokenAsync(userId));
            return await base.SendAsync(request, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
