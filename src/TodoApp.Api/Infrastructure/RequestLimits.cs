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
}
