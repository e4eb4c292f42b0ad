using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TodoApp.Api.Infrastructure;

namespace TodoApp.Api.Accounts;

/// <summary>
/// Cold start: the first signed-in request would otherwise wait for the discovery document and the
/// signing keys (two HTTPS round trips to Cognito). Fetching them while Kestrel starts takes that off
/// the request (see <see cref="StartupWork"/>).
/// </summary>
internal sealed partial class SigningKeysWarmup(IOptionsMonitor<JwtBearerOptions> options, ILogger<SigningKeysWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Get(AccessTokens.Scheme).ConfigurationManager is { } manager)
        {
            StartupWork.Begin(() => manager.GetConfigurationAsync(CancellationToken.None), e => LogWarmupFailed(logger, e));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching the token signing keys at start-up failed; the first request will fetch them")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception);
}
