using System.Diagnostics.Tracing;
using System.Reflection;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using TodoApp.Api;

namespace TodoApp.Benchmarks;

/// <summary>
/// <c>-- startup-generics</c> writes src/TodoApp.Api/StartupGenerics.rd.xml: the closed generic types the
/// container makes from open generic registrations between start and the first <c>/healthz</c>
/// (<c>OptionsFactory&lt;RouteOptions&gt;</c>, <c>Logger&lt;Host&gt;</c>, arrays of
/// <c>IConfigureOptions&lt;KestrelServerOptions&gt;</c>, ...). Native AOT otherwise builds each of them at
/// run time through its type loader, the largest part of the API's start-up (docs/performance.md); listed,
/// the compiler builds them ahead of time. The list comes from the container's own EventSource while the
/// API, composed in this process as the local host composes it, starts and answers <c>/healthz</c>.
/// OpenAPI's types are left out, as the Lambda binary leaves OpenAPI out. Rerun it after upgrading ASP.NET
/// Core or changing the composition: an entry that no longer applies costs nothing but its benefit.
/// </summary>
public static class StartupGenerics
{
    private static readonly string[] LeftOut = ["Microsoft.AspNetCore.OpenApi", "Microsoft.OpenApi"];

    public static async Task RunAsync(BenchContext context)
    {
        using var callSites = new CallSiteListener();
        var port = ServerBuild.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(context.ServerEnvironment(port).ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value));
        builder.AddTodoApi();
        await using (var app = builder.Build())
        {
            app.MapTodoApi();
            await app.StartAsync();
            using var client = new HttpClient();
            (await client.GetAsync($"http://127.0.0.1:{port}/healthz")).EnsureSuccessStatusCode();
            await app.StopAsync();
        }
        var types = callSites.ClosedGenericTypes().Where(t => !Components(t).Any(c => LeftOut.Contains(c.Assembly.GetName().Name))).ToList();
        var path = Path.Combine(context.RepoRoot, "src", "TodoApp.Api", "StartupGenerics.rd.xml");
        await File.WriteAllTextAsync(path, RdXml(types));
        context.Report("Start-up generics", $"{types.Count} types written to {Path.GetRelativePath(context.RepoRoot, path)}.");
    }

    private static string RdXml(IEnumerable<Type> types)
    {
        var xml = new StringBuilder("""
            <!-- Written by the benchmark runner's startup-generics (tests/TodoApp.Benchmarks/StartupGenerics.cs):
                 the closed generic types the container makes at start-up, compiled ahead of time instead of
                 built by the runtime type loader (docs/performance.md). -->
            <Directives>
              <Application>

            """);
        foreach (var assembly in types.GroupBy(t => Definition(t).Assembly.GetName().Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            xml.Append($"    <Assembly Name=\"{assembly.Key}\">\n");
            foreach (var name in assembly.Select(Name).Distinct().Order(StringComparer.Ordinal))
            {
                xml.Append($"      <Type Name=\"{SecurityElement.Escape(name)}\" Dynamic=\"Required All\" />\n");
            }
            xml.Append("    </Assembly>\n");
        }
        return xml.Append("  </Application>\n</Directives>\n").ToString();
    }

    /// <summary>rd.xml's spelling: generic arguments in double brackets with their assembly, arrays with [].</summary>
    private static string Name(Type type) =>
        type.IsArray ? Name(type.GetElementType()!) + "[]"
        : type.IsConstructedGenericType ? type.GetGenericTypeDefinition().FullName + "[" +
            string.Join(",", type.GetGenericArguments().Select(a => $"[{Name(a)},{a.Assembly.GetName().Name}]")) + "]"
        : type.FullName!;

    private static Type Definition(Type type) => type.IsArray ? Definition(type.GetElementType()!) : type.IsConstructedGenericType ? type.GetGenericTypeDefinition() : type;

    private static IEnumerable<Type> Components(Type type) =>
        type.IsArray ? Components(type.GetElementType()!)
        : type.IsConstructedGenericType ? [type, .. type.GetGenericArguments().SelectMany(Components)]
        : [type];

    /// <summary>
    /// The container's call sites as it builds them: event CallSiteBuilt carries a JSON tree of service and
    /// implementation types, in chunks of 10 KiB (service type, chunk, chunk index, chunk count, provider).
    /// </summary>
    private sealed class CallSiteListener : EventListener
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<(string, int), StringBuilder> _partial = [];
        private readonly List<string> _callSites = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData is not { EventName: "CallSiteBuilt", Payload: [string service, string chunk, int index, int count, int provider] })
            {
                return;
            }
            lock (_lock)
            {
                var key = (service, provider);
                var text = _partial.TryGetValue(key, out var started) ? started.Append(chunk) : new StringBuilder(chunk);
                if (index < count - 1)
                {
                    _partial[key] = text;
                    return;
                }
                _partial.Remove(key);
                _callSites.Add(text.ToString());
            }
        }

        /// <summary>Generic implementation types, and the arrays behind <c>IEnumerable&lt;T&gt;</c> of a generic T.</summary>
        public IEnumerable<Type> ClosedGenericTypes()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var callSite in _callSites)
            {
                using var json = JsonDocument.Parse(callSite);
                Collect(json.RootElement, names);
            }
            return names.Select(Resolve).OfType<Type>().Distinct();
        }

        private static void Collect(JsonElement element, HashSet<string> names)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, names);
                }
                return;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { } name)
                {
                    const string enumerable = "System.Collections.Generic.IEnumerable`1[";
                    if (property.Name == "implementationType" && name.Contains('`', StringComparison.Ordinal))
                    {
                        names.Add(name);
                    }
                    else if (property.Name == "serviceType" && name.StartsWith(enumerable, StringComparison.Ordinal) && name.IndexOf('`', enumerable.Length) > 0)
                    {
                        names.Add(name[enumerable.Length..^1] + "[]");
                    }
                }
                else
                {
                    Collect(property.Value, names);
                }
            }
        }

        private static Type? Resolve(string name) =>
            Type.GetType(name, null, (_, typeName, ignoreCase) => AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetType(typeName, throwOnError: false, ignoreCase)).FirstOrDefault(t => t is not null));
    }
}
