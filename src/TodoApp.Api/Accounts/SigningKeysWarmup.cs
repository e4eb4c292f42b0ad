using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace TodoApp.Api.Accounts;

/// <summary>
/// Cold start: the first signed-in request would otherwise wait for the discovery document and the
/// signing keys (two HTTPS round trips to Cognito). Fetching them while Kestrel starts takes that off
/// the request. Fire and forget, like the DynamoDB warm-up: start-up never blocks on the authority,
/// and if this fails the first request simply fetches them itself.
/// </summary>
internal sealed partial class SigningKeysWarmup(IOptionsMonitor<JwtBearerOptions> options, ILogger<SigningKeysWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var manager = options.Get(AccessTokens.Scheme).ConfigurationManager;
        if (manager is not null)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await manager.GetConfigurationAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogWarmupFailed(logger, e);
                }
            }, CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetching the token signing keys at start-up failed; the first request will fetch them")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception);
}
