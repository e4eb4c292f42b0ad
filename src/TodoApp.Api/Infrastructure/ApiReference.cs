using Scalar.AspNetCore;

namespace TodoApp.Api.Infrastructure;

public static class ApiReference
{
    /// <summary>The interactive API page (development only), served from the package's own assets.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference("/docs", o => o.WithTitle("TodoApp API"));
        return app;
    }
}
