using TodoApp.Functions.Host;
using TodoApp.Functions.Hosting;

// The bootstrap on provided.al2023: the Lambda Web Adapter layer starts this binary, waits for /healthz,
// then forwards each invocation to it over loopback HTTP (see FunctionEndpoints).
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddEnvironmentVariables();
var adapter = WebAdapterSettings.From(builder.Configuration);
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenLocalhost(adapter.Port));
await using var app = builder.Build();

// Built before the readiness check answers, as the managed runtime built the class before the first event.
var (host, handle, function) = ChosenFunction.Create();
using (function)
{
    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TodoApp.Functions.Host");
    app.Run(FunctionEndpoints.Create(adapter, handle, logger, behindFunctionUrl: ChosenFunction.GitHub));
    await app.RunAsync();
}
