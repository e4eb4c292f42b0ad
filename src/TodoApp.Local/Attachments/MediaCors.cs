using Microsoft.Extensions.Primitives;
using YamlDotNet.RepresentationModel;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Local.Attachments;

/// <summary>One rule of a bucket's <c>CorsConfiguration</c>, with S3's matching: one <c>*</c> wildcard, headers case-insensitive.</summary>
public sealed record MediaCorsRule(string[] AllowedMethods, string[] AllowedOrigins, string[] AllowedHeaders, string[] ExposedHeaders, int? MaxAge)
{
    public bool Allows(string origin, string method, IEnumerable<string> headers) =>
        AllowedOrigins.Any(o => WildcardMatch(o, origin, StringComparison.Ordinal)) &&
        AllowedMethods.Contains(method, StringComparer.Ordinal) &&
        headers.All(h => AllowedHeaders.Any(a => WildcardMatch(a, h, StringComparison.OrdinalIgnoreCase)));

    private static bool WildcardMatch(string pattern, string value, StringComparison comparison)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? string.Equals(pattern, value, comparison)
            : value.Length >= pattern.Length - 1 && value.StartsWith(pattern[..star], comparison) && value.EndsWith(pattern[(star + 1)..], comparison);
    }
}

/// <summary>S3's CORS behaviour for the media bucket, with the rules read from template.yaml so local and cloud agree.</summary>
public sealed class MediaCors(IReadOnlyList<MediaCorsRule> rules)
{
    public static MediaCors FromTemplate(YamlMappingNode bucketProperties) => new(
        Mapping(bucketProperties, "CorsConfiguration") is { } cors
            ? Sequence(cors, "CorsRules").Select(r => new MediaCorsRule(
                Scalars(r, "AllowedMethods"), LocalOrigins(Scalars(r, "AllowedOrigins")), Scalars(r, "AllowedHeaders"), Scalars(r, "ExposedHeaders"),
                ScalarValue(r, "MaxAge") is { } age ? int.Parse(age, System.Globalization.CultureInfo.InvariantCulture) : null)).ToArray()
            : []);

    /// <summary>
    /// In the cloud the site's origin is CloudFront's (<c>!Sub https://${Distribution.DomainName}</c>);
    /// locally the site is the local host on a loopback port, so such an origin becomes that.
    /// </summary>
    private static readonly string[] LoopbackSite = ["http://localhost:*", "http://127.0.0.1:*"];

    private static string[] LocalOrigins(string[] origins) =>
        origins.SelectMany(o => o.Contains("${", StringComparison.Ordinal) ? LoopbackSite : [o]).ToArray();

    /// <summary>Answers an OPTIONS preflight the way S3 does: 200 with the grant, or 403.</summary>
    public async Task PreflightAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        var method = request.Headers.AccessControlRequestMethod.ToString();
        var headers = SplitList(request.Headers.AccessControlRequestHeaders);
        var rule = rules.FirstOrDefault(r => r.Allows(origin, method, headers));
        var response = context.Response;
        response.Headers.Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
        if (origin.Length == 0 || rule is null)
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            response.ContentType = "application/xml";
            await response.WriteAsync("<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.</Message></Error>");
            return;
        }
        Grant(response, rule, origin);
        response.Headers.AccessControlAllowMethods = string.Join(", ", rule.AllowedMethods);
        if (headers.Length > 0)
        {
            response.Headers.AccessControlAllowHeaders = string.Join(", ", headers);
        }
        if (rule.MaxAge is { } maxAge)
        {
            response.Headers.AccessControlMaxAge = maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Adds the CORS grant to an actual (non-preflight) response, when a rule allows it.</summary>
    public void Apply(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && rules.FirstOrDefault(r => r.Allows(origin, context.Request.Method, [])) is { } rule)
        {
            Grant(context.Response, rule, origin);
            context.Response.Headers.Vary = "Origin";
        }
    }

    private static void Grant(HttpResponse response, MediaCorsRule rule, string origin)
    {
        response.Headers.AccessControlAllowOrigin = rule.AllowedOrigins.Contains("*") ? "*" : origin;
        if (rule.ExposedHeaders.Length > 0)
        {
            response.Headers.AccessControlExposeHeaders = string.Join(", ", rule.ExposedHeaders);
        }
    }

    private static string[] SplitList(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private static string[] Scalars(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!).ToArray()
            : [];
}
