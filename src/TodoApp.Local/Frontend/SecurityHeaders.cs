using TodoApp.Local.Provisioning;
using static TodoApp.Local.Provisioning.CloudFormationTemplate;

namespace TodoApp.Local.Frontend;

/// <summary>
/// The headers CloudFront's response headers policy sends, read from template.yaml so the local app
/// runs under exactly the production CSP. Sources the template computes (<c>https://…${…}…</c>) are
/// replaced by their local counterparts; one the local host cannot map stops start-up, so a new
/// origin in the template can never be silently missing (or silently allowed) locally.
/// </summary>
public sealed class SecurityHeaders
{
    private readonly string _frameOptions;
    private readonly string _referrerPolicy;

    private SecurityHeaders(string contentSecurityPolicy, string frameOptions, string referrerPolicy)
    {
        ContentSecurityPolicy = contentSecurityPolicy;
        _frameOptions = frameOptions;
        _referrerPolicy = referrerPolicy;
    }

    public string ContentSecurityPolicy { get; }

    /// <param name="localOrigins">A fragment of a computed source (e.g. <c>}-media-</c>) → the local origin serving it.</param>
    public static SecurityHeaders FromTemplate(CloudFormationTemplate template, IReadOnlyDictionary<string, Uri> localOrigins)
    {
        var config = Mapping(Mapping(Mapping(template.Resource("SecurityHeadersPolicy"), "Properties")!, "ResponseHeadersPolicyConfig")!, "SecurityHeadersConfig")
            ?? throw new LocalSystemException("template.yaml: SecurityHeadersPolicy has no SecurityHeadersConfig.");
        var csp = ScalarValue(Mapping(config, "ContentSecurityPolicy")!, "ContentSecurityPolicy")
            ?? throw new LocalSystemException("template.yaml: SecurityHeadersPolicy has no ContentSecurityPolicy.");
        return new SecurityHeaders(
            Localize(csp, localOrigins),
            ScalarValue(Mapping(config, "FrameOptions")!, "FrameOption") ?? "DENY",
            ScalarValue(Mapping(config, "ReferrerPolicy")!, "ReferrerPolicy") ?? "strict-origin-when-cross-origin");
    }

    public static string Localize(string csp, IReadOnlyDictionary<string, Uri> localOrigins)
    {
        var directives = csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(directive =>
            // Distinct: two cloud origins can share one local stand-in (Cognito's API and its login domain).
            string.Join(' ', directive.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(source => LocalSource(source, localOrigins)).Distinct()));
        return string.Join("; ", directives);
    }

    private static string LocalSource(string source, IReadOnlyDictionary<string, Uri> localOrigins)
    {
        if (!source.Contains("${", StringComparison.Ordinal))
        {
            return source;
        }
        var origin = localOrigins.FirstOrDefault(o => source.Contains(o.Key, StringComparison.Ordinal)).Value
            ?? throw new LocalSystemException($"template.yaml's CSP allows {source}, which the local host has no counterpart for.");
        return origin.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>On every response, API answers included (the policy is attached to every behaviour).</summary>
    public void ApplyCommon(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = _frameOptions;
        headers["Referrer-Policy"] = _referrerPolicy;
    }

    /// <summary>
    /// On the app's own files, beside the common headers <see cref="FrontendHosting.UseSecurityHeaders"/>
    /// already sets: the CSP. (HSTS is left out: the local host speaks plain HTTP.)
    /// </summary>
    public void Apply(HttpResponse response, string cacheControl)
    {
        response.Headers.CacheControl = cacheControl;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
