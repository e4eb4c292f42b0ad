using Microsoft.AspNetCore.Http.Features;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Names ASP.NET Core's request activity after its route and tags it with method, path and status
/// (ASP.NET Core itself leaves it as <c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>, untagged):
/// what the X-Ray exporter and the local console print. Only when someone records the activity.
/// </summary>
internal static class RequestSpans
{
    public static WebApplication UseRequestSpans(this WebApplication app)
    {
        app.Use(static async (context, next) =>
        {
            await next(context);
            // Outermost, so the status is the one sent, after the exception handler's.
            if (context.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
                activity.SetTag("http.request.method", context.Request.Method);
                activity.SetTag("url.path", context.Request.Path.Value);
                activity.SetTag("http.route", route);
                activity.SetTag("http.response.status_code", context.Response.StatusCode);
            }
        });
        return app;
    }
}
