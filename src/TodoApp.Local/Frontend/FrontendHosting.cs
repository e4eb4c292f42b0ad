using Microsoft.Extensions.FileProviders;

namespace TodoApp.Local.Frontend;

/// <summary>
/// Serves the built app at <c>/</c> on the API's origin, as CloudFront does in production: hashed
/// assets cached forever, index.html revalidated, and deep links answered with index.html, except
/// under the server's own prefixes where an unknown path must stay a JSON 404 problem.
/// </summary>
public static class FrontendHosting
{
    /// <summary>First in the pipeline: CloudFront's response headers policy covers every answer, the API's included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app, SecurityHeaders headers)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                headers.ApplyCommon(context.Response);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    public static WebApplication MapFrontend(this WebApplication app, string repoRoot, SecurityHeaders headers)
    {
        var dist = FrontendBuild.Dist(repoRoot);
        if (!File.Exists(Path.Combine(dist, "index.html")))
        {
            return app; // No frontend in this checkout: the API still runs.
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(dist),
            OnPrepareResponse = c => headers.Apply(c.Context.Response,
                c.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache"),
        });
        var index = Path.Combine(dist, "index.html");
        // Runs after routing and only when no endpoint matched, so server paths answer exactly as they
        // would without a frontend (404 problem for an unknown path, 405 for a wrong method).
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) &&
                AppPaths.IsAppPath(context.Request.Path))
            {
                headers.Apply(context.Response, "no-cache");
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
