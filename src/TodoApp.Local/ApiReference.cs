using Scalar.AspNetCore;

namespace TodoApp.Local;

public static class ApiReference
{
    /// <summary>The interactive API page, served from the package's own assets. Only the local host
    /// maps it, which keeps it (and its weight) out of the Lambda binary.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference("/docs", o => o.WithTitle("TodoApp API"));
        return app;
    }
}
