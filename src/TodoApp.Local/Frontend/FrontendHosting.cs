using Microsoft.Extensions.FileProviders;

namespace TodoApp.Local.Frontend;

/// <summary>
/// Serves the built frontend on the API's origin, as CloudFront does in AWS: hashed assets cached
/// for a year, index.html revalidated, client-side routes answered with index.html — but never a
/// path that belongs to the API or the local plumbing, which keeps its JSON 404.
/// </summary>
public static class FrontendHosting
{
    private static readonly string[] ReservedPrefixes = ["/api", "/_local", "/webhooks", "/openapi", "/docs", "/healthz", "/scalar"];

    public static WebApplication MapFrontend(this WebApplication app, string dist)
    {
        var files = new PhysicalFileProvider(dist);
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (!context.Request.Path.StartsWithSegments("/docs") && !context.Request.Path.StartsWithSegments("/scalar"))
                {
                    // The same policy CloudFront sends; locally media comes from the loopback S3 endpoint.
                    headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
                        "img-src 'self' data: blob: http://127.0.0.1:*; connect-src 'self' http://127.0.0.1:*; " +
                        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
                }
                return Task.CompletedTask;
            });
            await next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = static file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        // GET/HEAD only, last in order: any other method on an unknown path stays a 404/405/415 from routing.
        app.MapMethods("{*path:nonfile}", ["GET", "HEAD"], async context =>
        {
            if (ReservedPrefixes.Any(p => context.Request.Path.StartsWithSegments(p)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound; // problem details from the status-code pages
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }).WithOrder(int.MaxValue).ExcludeFromDescription();
        return app;
    }
}
