using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TodoApp.Functions.Hosting;

public static class FunctionSettings
{
    /// <summary>
    /// Checks bound options with their source-generated validator when the host starts, so a bad value
    /// fails the cold start with the message the attribute gives (which names the setting and its
    /// environment variable). The binding itself stays at the call site
    /// (<c>AddOptions&lt;T&gt;().BindConfiguration(section)</c>), where the configuration binding
    /// generator can see the options type: no reflection, so nothing for the AOT compiler to warn about.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidatedBy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this OptionsBuilder<TOptions> options)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return options.ValidateOnStart();
    }
}
