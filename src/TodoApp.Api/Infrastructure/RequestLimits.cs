namespace TodoApp.Api.Infrastructure;

public static class RequestLimits
{
    /// <summary>The API only takes small JSON documents: media goes straight to S3.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });
        return builder;
    }

    /// <summary>
    /// Refuses a declared body over the limit before routing. Kestrel's own limit applies only when an
    /// endpoint reads the body, so a DELETE (which reads none) would run, answer, and then lose its
    /// connection while the client was still sending: the client could not tell that it had happened.
    /// The answer is the framework's 413 problem (status code pages).
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }
}
