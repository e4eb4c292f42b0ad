using Microsoft.Extensions.Options;

namespace TodoApp.Core.Settings;

/// <summary>
/// Range checks for options validators written by hand. The generated validator (<c>[OptionsValidator]</c>)
/// turns <c>[Range]</c> into a copy of its own whose message ignores <c>ErrorMessage</c>
/// (Microsoft.Extensions.Options.SourceGeneration 10.0), and that message is what names the setting and its
/// environment variable; a <c>TimeSpan</c> range also parses its bounds through a type converter, which
/// Native AOT cannot promise. <c>[Required]</c> has neither problem and stays with the generator.
/// </summary>
public sealed class SettingRanges
{
    private readonly List<string> _failures = [];

    public SettingRanges Check<T>(T value, T min, T max, string message) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            _failures.Add(message);
        }
        return this;
    }

    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);
}
