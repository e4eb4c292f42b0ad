using TodoApp.Core.Settings;

namespace TodoApp.Api.Infrastructure;

public static class Settings
{
    /// <summary>
    /// Every setting registered with <see cref="SettingsServices.AddSettings{TSettings}"/> is validated as
    /// the host starts, before Kestrel listens: a missing table name fails the cold start, and the Lambda
    /// Web Adapter's readiness check with it, instead of the first request.
    /// </summary>
    public static IServiceCollection AddSettingsValidation(this IServiceCollection services) =>
        services.AddHostedService<SettingsValidation>();

    private sealed class SettingsValidation(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.ValidateSettings();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
