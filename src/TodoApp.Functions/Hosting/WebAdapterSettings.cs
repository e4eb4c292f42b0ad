using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// Where the Lambda Web Adapter sends what, from the adapter's own variables (the template sets them for
/// both): the port it forwards to and the path it POSTs non-HTTP events to (its defaults 8080 and /events).
/// </summary>
public sealed record WebAdapterSettings(int Port, string PassThroughPath)
{
    public const string PortVariable = "AWS_LWA_PORT";
    public const string PassThroughPathVariable = "AWS_LWA_PASS_THROUGH_PATH";

    /// <summary>What the adapter's readiness check asks for (AWS_LWA_READINESS_CHECK_PATH in the template).</summary>
    public const string ReadinessPath = "/healthz";

    public static WebAdapterSettings From(IConfiguration configuration)
    {
        var port = configuration[PortVariable] is { Length: > 0 } value ? value : "8080";
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{PortVariable} must be a TCP port (1-65535), not '{port}'.");
        }
        var path = configuration[PassThroughPathVariable] is { Length: > 0 } p ? p : "/events";
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"{PassThroughPathVariable} must be a path starting with '/', not '{path}'.");
        }
        return new(number, path);
    }
}
