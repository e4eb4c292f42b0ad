using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// The API's own settings as plain singletons: bound once, validated once when the host starts (a
/// missing table name fails the cold start, not the first request), and injected as the settings class
/// itself. Cold start: the options pipeline (<c>AddOptions&lt;T&gt;().BindConfiguration()</c>) is
/// resolved through open generic services (<c>OptionsManager&lt;&gt;</c>, <c>OptionsFactory&lt;&gt;</c>,
/// their configure and validate enumerations, a change-token source), which Native AOT closes at run
/// time through its type loader; these registrations are all closed. <see cref="IOptions{TOptions}"/>
/// stays available, closed too, for the Core stores that take it.
/// </summary>
public static class Settings
{
    /// <param name="bind">Binds the section; a call with the concrete type, so the configuration binding generator serves it without reflection.</param>
    /// <param name="validators">Checked in order; every failure is reported, as the options pipeline's would be.</param>
    public static IServiceCollection AddSettings<TSettings>(this IServiceCollection services, string section,
        Func<IConfigurationSection, TSettings?> bind, params IValidateOptions<TSettings>[] validators) where TSettings : class, new()
    {
        services.AddSingleton(sp => Validated(bind(sp.GetRequiredService<IConfiguration>().GetSection(section)) ?? new TSettings(), validators));
        services.AddSingleton<IOptions<TSettings>>(sp => Options.Create(sp.GetRequiredService<TSettings>()));
        services.AddSingleton(new SettingsCheck(sp => sp.GetRequiredService<TSettings>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SettingsValidation>());
        return services;
    }

    private static TSettings Validated<TSettings>(TSettings settings, IValidateOptions<TSettings>[] validators) where TSettings : class
    {
        var failures = validators.Select(v => v.Validate(Options.DefaultName, settings)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        return failures.Count == 0 ? settings : throw new OptionsValidationException(Options.DefaultName, typeof(TSettings), failures);
    }

    private sealed record SettingsCheck(Func<IServiceProvider, object> Resolve);

    /// <summary>Resolves every settings singleton as the host starts, so that a bad value stops it.</summary>
    private sealed class SettingsValidation(IServiceProvider services, IEnumerable<SettingsCheck> checks) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var check in checks)
            {
                check.Resolve(services);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
