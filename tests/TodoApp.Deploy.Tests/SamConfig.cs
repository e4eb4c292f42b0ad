using System.Globalization;
using System.Text;

namespace TodoApp.Deploy.Tests;

/// <summary>
/// samconfig.toml read with a reader for the TOML subset SAM's own files use: <c>[a.b.c]</c> tables,
/// <c>key = value</c> with basic strings, booleans and numbers, and <c># comments</c>. Anything else
/// (arrays, inline tables, multi-line strings) fails loudly with its line number rather than being
/// misread, so a richer samconfig means extending this, not a silently passing test. Small enough to
/// own; a package would be one more dependency for eight lines of syntax.
/// </summary>
public sealed class SamConfig
{
    public static readonly SamConfig Instance = Load(Path.Combine(SamTemplate.RepoRoot, "samconfig.toml"));

    private readonly Dictionary<string, Dictionary<string, object>> _tables;

    private SamConfig(Dictionary<string, Dictionary<string, object>> tables) => _tables = tables;

    public IEnumerable<string> Environments => _tables.Keys.Where(k => k.Contains('.', StringComparison.Ordinal))
        .Select(k => k.Split('.')[0]).Distinct(StringComparer.Ordinal);

    /// <summary><c>[env.command.parameters]</c>, empty when the file has no such table.</summary>
    public IReadOnlyDictionary<string, object> Parameters(string environment, string command) =>
        _tables.TryGetValue($"{environment}.{command}.parameters", out var table) ? table : new Dictionary<string, object>();

    /// <summary>What SAM uses for one command: the environment's global parameters, then the command's own.</summary>
    public IReadOnlyDictionary<string, object> Effective(string environment, string command)
    {
        var result = new Dictionary<string, object>(Parameters(environment, "global"));
        foreach (var (key, value) in Parameters(environment, command))
        {
            result[key] = value;
        }
        return result;
    }

    public static SamConfig Load(string path) => Parse(File.ReadAllLines(path));

    public static SamConfig Parse(IEnumerable<string> lines)
    {
        var tables = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal) { [""] = new() };
        var current = tables[""];
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line[0] == '[')
            {
                if (line.StartsWith("[[", StringComparison.Ordinal) || !line.EndsWith(']'))
                {
                    throw new FormatException($"samconfig.toml line {number}: unsupported table header '{line}'");
                }
                var name = line[1..^1].Trim();
                current = tables.TryGetValue(name, out var existing) ? existing : tables[name] = new(StringComparer.Ordinal);
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"samconfig.toml line {number}: expected key = value, got '{line}'");
            }
            var key = line[..equals].Trim();
            current[key] = ParseValue(line[(equals + 1)..].Trim(), number);
        }
        return new SamConfig(tables);
    }

    private static object ParseValue(string text, int line)
    {
        if (text.StartsWith('"'))
        {
            return ParseBasicString(text, line);
        }
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var bare = (hash >= 0 ? text[..hash] : text).Trim();
        if (bare is "true" or "false")
        {
            return bare == "true";
        }
        if (double.TryParse(bare, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        throw new FormatException($"samconfig.toml line {line}: unsupported value '{text}' (this reader knows strings, booleans and numbers)");
    }

    private static string ParseBasicString(string text, int line)
    {
        var result = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                result.Append(text[++i] switch { 'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\', var other => throw new FormatException($"samconfig.toml line {line}: unsupported escape \\{other}") });
            }
            else if (c == '"')
            {
                var rest = text[(i + 1)..].Trim();
                return rest.Length == 0 || rest[0] == '#' ? result.ToString() : throw new FormatException($"samconfig.toml line {line}: text after a string");
            }
            else
            {
                result.Append(c);
            }
        }
        throw new FormatException($"samconfig.toml line {line}: unterminated string (multi-line strings are not supported)");
    }
}
