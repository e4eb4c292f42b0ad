using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TodoApp.Core.Settings;

/// <summary>
/// Settings as plain singletons, the one way the API and the event functions register theirs: bound once
/// from their configuration section, validated once at start-up (<see cref="ValidateSettings"/>: a bad
/// value stops the cold start with the setting's name, not the first request), injected as the settings
/// class itself. Why not the options pipeline (<c>AddOptions&lt;T&gt;().BindConfiguration()</c>): it is
/// resolved through open generic services (<c>OptionsManager&lt;&gt;</c>, <c>OptionsFactory&lt;&gt;</c>,
/// their configure and validate enumerations, a change-token source), which Native AOT closes at run time
/// through its type loader, a measurable part of start-up; every registration here is closed.
/// <see cref="IOptions{TOptions}"/> stays available, closed too, for code that takes it.
/// </summary>
public static class SettingsServices
{
    /// <param name="bind">Binds the section; a call with the concrete type at the call site, so the configuration binding generator serves it without reflection.</param>
    /// <param name="validators">Checked in order; every failure is reported, as the options pipeline's would be.</param>
    public static IServiceCollection AddSettings<TSettings>(this IServiceCollection services, string section,
        Func<IConfigurationSection, TSettings?> bind, params IValidateOptions<TSettings>[] validators) where TSettings : class, new()
    {
        services.AddSingleton(sp => Validated(bind(sp.GetRequiredService<IConfiguration>().GetSection(section)) ?? new TSettings(), validators));
        services.AddSingleton<IOptions<TSettings>>(sp => Options.Create(sp.GetRequiredService<TSettings>()));
        services.AddSingleton(new SettingsCheck(sp => sp.GetRequiredService<TSettings>()));
        return services;
    }

    /// <summary>
    /// Resolves every settings singleton, so the first bad one throws <see cref="OptionsValidationException"/>
    /// (its failures name the settings). The API runs it as its host starts, the function host as it builds.
    /// </summary>
    public static void ValidateSettings(this IServiceProvider services)
    {
        foreach (var check in services.GetServices<SettingsCheck>())
        {
            check.Resolve(services);
        }
    }

    private static TSettings Validated<TSettings>(TSettings settings, IValidateOptions<TSettings>[] validators) where TSettings : class
    {
        var failures = validators.Select(v => v.Validate(Options.DefaultName, settings)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        return failures.Count == 0 ? settings : throw new OptionsValidationException(Options.DefaultName, typeof(TSettings), failures);
    }

    private sealed record SettingsCheck(Func<IServiceProvider, object> Resolve);
}
