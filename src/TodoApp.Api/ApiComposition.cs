using TodoApp.Api.Accounts;
using TodoApp.Api.Attachments;
using TodoApp.Api.Infrastructure;
using TodoApp.Api.Orders;
using TodoApp.Api.Todos;
using TodoApp.Core.Observability;

namespace TodoApp.Api;

/// <summary>The table of contents of the API: one line per concern.</summary>
public static class ApiComposition
{
    public const string ServiceName = "todo-api";

    public static WebApplicationBuilder AddTodoApi(this WebApplicationBuilder builder)
    {
        builder.Logging.AddJsonLogging(ServiceName);
        builder.Services.AddObservability(builder.Configuration);
        builder.AddRequestLimits();
        // Every AddSettings below is checked as the host starts: a bad setting stops the cold start by name.
        builder.Services.AddSettingsValidation();
        builder.Services.AddApiJson();
        builder.Services.AddApiProblemDetails();
        // Signed-in users only: Cognito access tokens in AWS, the local provider's on a laptop.
        builder.Services.AddAccounts();
        builder.Services.AddAwsClients();
        builder.Services.AddTodos();
        builder.Services.AddOrders();
        builder.Services.AddAttachments();
        // For the local host's /docs and generated clients; the Lambda binary leaves it out.
        builder.Services.AddApiDocument();
        return builder;
    }

    public static WebApplication MapTodoApi(this WebApplication app)
    {
        // Outermost: the request span is tagged with the status actually sent.
        app.UseRequestSpans();
        // The exception handler's lines and problem answers carry the correlation id too.
        app.UseRequestContext();
        app.UseApiProblemDetails();
        app.UseRequestLimits();
        app.UseAuthentication();
        app.UseAuthorization();

        // Cheap on purpose: the Lambda Web Adapter polls it before routing the first event.
        app.MapGet(RequestContext.HealthPath, () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapApiDocument();

        // Every /api endpoint needs a signed-in user; each user sees only what is keyed by their id.
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapTodos();
        api.MapOrders();
        api.MapAttachments();
        return app;
    }
}
