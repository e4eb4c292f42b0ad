using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TodoApp.Core.Observability;

namespace TodoApp.Core.Tests.Observability;

public sealed class JsonLogFormatterTests
{
    [Fact]
    public void LineCarriesPowertoolsKeysScopeAndTemplateFields()
    {
        var line = Format(LogLevel.Warning, "Order {OrderId} rejected after {Attempts} tries", ["o-1", 3], scope:
        [
            new(LogScope.CorrelationId, "corr-9"),
            new(LogScope.ColdStart, true),
            new(LogScope.FunctionRequestId, "req-1"),
            new(LogScope.XrayTraceId, "Root=1-abc"),
            new(LogScope.FunctionName, "todo-OrderProcessor"),
        ]);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Warning", root.GetProperty("level").GetString());
        Assert.Equal("Order o-1 rejected after 3 tries", root.GetProperty("message").GetString());
        Assert.Equal("orders", root.GetProperty("service").GetString());
        Assert.True(root.GetProperty("cold_start").GetBoolean());
        Assert.Equal("todo-OrderProcessor", root.GetProperty("function_name").GetString());
        Assert.Equal("req-1", root.GetProperty("function_request_id").GetString());
        Assert.Equal("Root=1-abc", root.GetProperty("xray_trace_id").GetString());
        Assert.Equal("corr-9", root.GetProperty("correlation_id").GetString());
        Assert.Equal("o-1", root.GetProperty("OrderId").GetString());
        Assert.Equal(3, root.GetProperty("Attempts").GetInt32());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("timestamp").GetString(), out _));
        Assert.False(root.TryGetProperty("{OriginalFormat}", out _));
    }

    [Fact]
    public void ExceptionsAreOneLineOfJson()
    {
        var line = Format(LogLevel.Error, "Failed", [], exception: new InvalidOperationException("boom\nsecond line"));
        Assert.DoesNotContain('\n', line.TrimEnd('\n'));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("System.InvalidOperationException", json.RootElement.GetProperty("exception_name").GetString());
    }

    [Fact]
    public void EveryLineInsideAnActivityCarriesItsTraceIdAlsoWhenTheXrayIdIsKnown()
    {
        using var activity = new System.Diagnostics.Activity("Handler").Start();

        using var withXray = JsonDocument.Parse(Format(LogLevel.Information, "In", [], scope: [new(LogScope.XrayTraceId, "Root=1-abc")]));
        using var withoutXray = JsonDocument.Parse(Format(LogLevel.Information, "In", [], scope: [new(LogScope.XrayTraceId, null)]));

        Assert.Equal(activity.TraceId.ToHexString(), withXray.RootElement.GetProperty("trace_id").GetString());
        Assert.Equal("Root=1-abc", withXray.RootElement.GetProperty("xray_trace_id").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), withoutXray.RootElement.GetProperty("trace_id").GetString());
        Assert.False(withoutXray.RootElement.TryGetProperty("xray_trace_id", out _));
    }

    [Fact]
    public void AnInnerScopesCorrelationIdOverridesTheInvocationsAndANullOneDoesNot()
    {
        var formatter = new JsonLogFormatter(new StaticOptions(new JsonLogFormatterOptions { Service = "thumbnails", IncludeScopes = true }));
        var scopes = new LoggerExternalScopeProvider();
        var writer = new StringWriter();
        using (scopes.Push(new List<KeyValuePair<string, object?>> { new(LogScope.CorrelationId, "s3-request-id"), new(LogScope.FunctionRequestId, "req") }))
        using (scopes.Push(new List<KeyValuePair<string, object?>> { new(LogScope.CorrelationId, "from-the-api") }))
        using (scopes.Push(new List<KeyValuePair<string, object?>> { new(LogScope.CorrelationId, null) }))
        {
            var state = new FormattedState("Ready", []);
            formatter.Write(new LogEntry<FormattedState>(LogLevel.Information, "Test", default, state, null, (s, _) => s.ToString()), scopes, writer);
        }

        using var json = JsonDocument.Parse(writer.ToString());
        Assert.Equal("from-the-api", json.RootElement.GetProperty("correlation_id").GetString());
        Assert.Equal("req", json.RootElement.GetProperty("function_request_id").GetString());
    }

    private static string Format(LogLevel level, string template, object[] args, List<KeyValuePair<string, object?>>? scope = null, Exception? exception = null)
    {
        var formatter = new JsonLogFormatter(new StaticOptions(new JsonLogFormatterOptions { Service = "orders", IncludeScopes = true }));
        var scopes = new LoggerExternalScopeProvider();
        using var _ = scope is null ? null : scopes.Push(scope);
        var state = new FormattedState(template, args);
        var writer = new StringWriter();
        formatter.Write(new LogEntry<FormattedState>(level, "Test", default, state, exception, (s, _) => s.ToString()), scopes, writer);
        return writer.ToString();
    }

    private sealed class StaticOptions(JsonLogFormatterOptions value) : IOptionsMonitor<JsonLogFormatterOptions>
    {
        public JsonLogFormatterOptions CurrentValue => value;
        public JsonLogFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<JsonLogFormatterOptions, string?> listener) => null;
    }

    /// <summary>What LoggerMessage produces: the rendered text plus the template's named values.</summary>
    private sealed class FormattedState(string template, object[] args) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _pairs = Pairs(template, args);

        public int Count => _pairs.Count;
        public KeyValuePair<string, object?> this[int index] => _pairs[index];
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _pairs.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = template;
            foreach (var (key, value) in _pairs.Where(p => p.Key != "{OriginalFormat}"))
            {
                text = text.Replace("{" + key + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
            return text;
        }

        private static List<KeyValuePair<string, object?>> Pairs(string template, object[] args)
        {
            var names = System.Text.RegularExpressions.Regex.Matches(template, "{([A-Za-z]+)}").Select(m => m.Groups[1].Value).ToList();
            var pairs = names.Select((n, i) => new KeyValuePair<string, object?>(n, args[i])).ToList();
            pairs.Add(new("{OriginalFormat}", template));
            return pairs;
        }
    }
}
