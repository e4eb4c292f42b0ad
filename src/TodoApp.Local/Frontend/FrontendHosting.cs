using Microsoft.Extensions.FileProviders;

namespace TodoApp.Local.Frontend;

/// <summary>
/// Serves the built app at <c>/</c> on the API's origin, as CloudFront does in production: hashed
/// assets cached forever, index.html revalidated, and deep links answered with index.html, except
/// under the server's own prefixes where an unknown path must stay a JSON 404 problem.
/// </summary>
public static class FrontendHosting
{
    /// <param name="identityOrigin">The sign-in provider, which the app calls for discovery and tokens.</param>
    public static WebApplication MapFrontend(this WebApplication app, string repoRoot, string identityOrigin)
    {
        var csp = SecurityHeaders.ContentSecurityPolicy(identityOrigin);
        var dist = FrontendBuild.Dist(repoRoot);
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            return app; // No frontend in this checkout: the API still runs.
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(dist),
            OnPrepareResponse = c => SecurityHeaders.Apply(c.Context.Response,
                c.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache", csp),
        });
        var index = Path.Combine(dist, "index.html");
        // Runs after routing and only when no endpoint matched, so server paths answer exactly as they
        // would without a frontend (404 problem for an unknown path, 405 for a wrong method).
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) &&
                AppPaths.IsAppPath(context.Request.Path))
            {
                SecurityHeaders.Apply(context.Response, "no-cache", csp);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(index, context.RequestAborted);
                return;
            }
            await next(context);
        });
        return app;
    }
}

/// <summary>Paths the app's router owns: anything not under a server prefix and not a file (a missing asset stays a 404).</summary>
public static class AppPaths
{
    private static readonly string[] ServerPrefixes = ["/api", "/_local", "/webhooks", "/openapi", "/docs", "/healthz"];

    public static bool IsAppPath(PathString path)
    {
        var value = path.Value ?? "/";
        return !ServerPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) &&
               !value[(value.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal);
    }
}

/// <summary>
/// Headers for every frontend response. The CSP allows only this origin and the sign-in provider
/// (discovery and token requests; sign-in itself is a top-level navigation): the app has no inline
/// script or style and calls nothing else. (Attachments will add the media origin to img-src/connect-src.)
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(string identityOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        $"connect-src 'self' {identityOrigin}; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response, string cacheControl, string contentSecurityPolicy)
    {
        var headers = response.Headers;
        headers.CacheControl = cacheControl;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
