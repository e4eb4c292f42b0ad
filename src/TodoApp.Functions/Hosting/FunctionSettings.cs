using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TodoApp.Functions.Hosting;

public static class FunctionSettings
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from its configuration section and checks its data
    /// annotations when the host starts, so a bad value fails the cold start with the message the
    /// attribute gives (which names the setting and its environment variable).
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, string section) where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
