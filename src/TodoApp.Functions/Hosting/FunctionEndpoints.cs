using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TodoApp.Core.Observability;
using TodoApp.Functions.Events;

namespace TodoApp.Functions.Hosting;

/// <summary>
/// A function as the Lambda Web Adapter calls it. Non-HTTP events (S3, SQS, Scheduler) arrive as a POST
/// of the event to the pass-through path, and the response body becomes the invocation's result (the
/// adapter ignores the status there, unless AWS_LWA_ERROR_STATUS_CODES lists it: the template lists 500,
/// so a handler that throws fails the invocation and Lambda retries it, as on the managed runtime).
/// A function URL request arrives as the HTTP request it was.
/// </summary>
public static partial class FunctionEndpoints
{
    /// <summary>
    /// The whole app: two fixed paths need no routing (leaving it out keeps it out of the binary). The
    /// adapter's readiness check gets a 200; a function URL function takes every other request, an event
    /// function takes POSTs to the pass-through path.
    /// </summary>
    public static RequestDelegate Create(WebAdapterSettings adapter, Func<Stream, Task<Stream>> handle, ILogger logger, bool behindFunctionUrl) => context =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path == WebAdapterSettings.ReadinessPath)
        {
            return Task.CompletedTask;
        }
        if (behindFunctionUrl)
        {
            return InvokeAsync(context, logger, async () => await (await FunctionUrlBridge.InvokeAsync(context, handle)).ExecuteAsync(context));
        }
        if (HttpMethods.IsPost(request.Method) && request.Path == adapter.PassThroughPath)
        {
            return InvokeAsync(context, logger, async () =>
            {
                await using var result = await handle(request.Body);
                context.Response.ContentType = "application/json";
                await result.CopyToAsync(context.Response.Body, context.RequestAborted);
            });
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    private static async Task InvokeAsync(HttpContext context, ILogger logger, Func<Task> invoke)
    {
        var invocation = LambdaInvocation.Parse(context.Request.Headers[LambdaInvocation.Header]);
        LambdaInvocation.Current = invocation;
        if (invocation?.XrayTraceId is { Length: > 0 } trace)
        {
            // What the managed runtime does per invocation; the adapter runs one invocation at a time.
            Environment.SetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable, trace);
        }
        try
        {
            await invoke();
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogInvocationFailed(logger, e, invocation?.RequestId);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/problem+json";
            var problem = new ProblemDetailsBody("about:blank", "Invocation failed", StatusCodes.Status500InternalServerError, $"{e.GetType().Name}: {e.Message}");
            await JsonSerializer.SerializeAsync(context.Response.Body, problem, FunctionUrlJsonContext.Default.ProblemDetailsBody);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {RequestId} failed; the adapter reports it to Lambda, which retries it where the trigger does")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string? requestId);
}
