using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TodoApp.Api;
using TodoApp.Core.Settings;
using TodoApp.Functions.Host;
using TodoApp.Functions.Hosting;

namespace TodoApp.Deploy.Tests;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// "Every setting the code reads is set", derived from the code rather than from a list kept beside it:
/// each deployable is started the way Lambda starts it, with exactly the environment the template gives
/// its function, and must come up. The event functions are built by the function host as its bootstrap
/// builds them (<c>ChosenFunction</c>, with the function's feature switch on; they read the process
/// environment through <c>FunctionHost</c>); the API is composed with
/// <c>AddTodoApi</c> over appsettings.json plus that environment, and its settings are validated
/// as its host does before serving (<c>ValidateSettings</c>). A setting added in code with
/// <c>Required</c> or a <c>[Required]</c> option, but not in template.yaml, fails here with the code's
/// own message naming the variable.
/// Why not a source scan: it would see <c>Configuration["X"]</c> but not whether a default makes it
/// optional, nor which function a shared class runs in. What this cannot see: a setting read lazily,
/// after start-up (the code's convention, STYLE.md, is to read and validate settings at start-up).
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class StartupSettingsTests
{
    public static TheoryData<string> FunctionIds() => [.. SamTemplate.Instance.Functions.Select(f => f.LogicalId)];

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void EveryFunctionStartsWithOnlyTheSettingsTheTemplateGivesIt(string id)
    {
        var function = SamTemplate.Instance.Function(id);
        var failure = Record.Exception(() => Start(function, TemplateEnvironment.For(function)));
        Assert.True(failure is null, $"{id} does not start with the template's environment: {Describe(failure)}");
    }

    [Theory]
    [MemberData(nameof(FunctionIds))]
    public void WithoutTheTemplatesSettingsEveryFunctionRefusesToStartAndSaysWhichIsMissing(string id)
    {
        // The control for the test above: if start-up accepted anything, the test above could not fail.
        var failure = Record.Exception(() => Start(SamTemplate.Instance.Function(id), new Dictionary<string, string>()));
        Assert.NotNull(failure);
        Assert.Matches("(?i)[a-z]+__[a-z]+", Describe(failure));
    }

    [Theory]
    [InlineData("template.yaml")]
    [InlineData("template.local.yaml")]
    public void TheApiListensWhereTheWebAdapterForwards(string template)
    {
        var environment = TemplateEnvironment.For(SamTemplate.Load(template).Function("ApiFunction"));
        Assert.Equal($"http://127.0.0.1:{environment["AWS_LWA_PORT"]}", environment["ASPNETCORE_URLS"]);
    }

    private static void Start(SamFunction function, Dictionary<string, string> environment)
    {
        if (function.HostFunction is not { } chosen)
        {
            StartApi(environment);
            return;
        }
        // What the bootstrap built for this function does before its readiness check answers: read the
        // adapter's variables and build the function. Lambda always sets AWS_REGION.
        using var scope = new EnvironmentScope(new Dictionary<string, string>(environment) { ["AWS_REGION"] = "eu-west-1" });
        AppContext.SetSwitch(ChosenFunction.SwitchPrefix + chosen, true);
        try
        {
            WebAdapterSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            ChosenFunction.Create().Function.Dispose();
        }
        finally
        {
            AppContext.SetSwitch(ChosenFunction.SwitchPrefix + chosen, false);
        }
    }

    private static void StartApi(Dictionary<string, string> environment)
    {
        var content = Path.Combine(SamTemplate.RepoRoot, "src", "TodoApp.Api");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = content, EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(content, "appsettings.json"), optional: false);
        // What the environment variables provider does: Section__Key is Section:Key.
        builder.Configuration.AddInMemoryCollection(environment.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)));
        builder.AddTodoApi();
        using var app = builder.Build();
        app.Services.ValidateSettings();
    }

    private static string Describe(Exception? e) => e switch
    {
        null => "",
        AggregateException a => string.Join("; ", a.InnerExceptions.Select(Describe)),
        OptionsValidationException o => string.Join("; ", o.Failures),
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>
    /// The process environment with every configuration-style variable (Section__Key) removed and the
    /// given ones set, restored on dispose. The collection runs alone, so nothing else sees it.
    /// </summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = new(StringComparer.Ordinal);

        public EnvironmentScope(Dictionary<string, string> variables)
        {
            var configurationStyle = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.Contains("__", StringComparison.Ordinal));
            foreach (var name in configurationStyle.Concat(variables.Keys).Append("AWS_REGION").Distinct(StringComparer.Ordinal).ToList())
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, variables.GetValueOrDefault(name));
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
