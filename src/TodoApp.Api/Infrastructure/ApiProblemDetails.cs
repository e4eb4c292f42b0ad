using System.Text.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoApp.Core.Data;

namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 problem details. Bad input maps to a 4xx the caller can act on;
/// an unavailable dependency is a 503 with Retry-After; only a genuine bug is a 500.
/// </summary>
public static class ApiProblemDetails
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // traceId matches the trace_id of the request's log lines; correlationId its x-correlation-id.
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Extensions["correlationId"] = c.HttpContext.CorrelationId();
            c.ProblemDetails.Detail ??= DefaultDetail(c.ProblemDetails.Status);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Body binding failures throw, so the handler below can explain them instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseApiProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Some 4xx answers come from the framework with no body (routing, content negotiation).</summary>
    private static string? DefaultDetail(int? status) => status switch
    {
        401 => "Sign in first: send a valid access token in the Authorization header as 'Bearer <token>'.",
        403 => "You are signed in but not allowed to do this.",
        404 => "There is nothing at this address.",
        405 => "This address does not accept that HTTP method.",
        413 => $"The request body must be at most {RequestLimits.MaxBodyBytes / 1024} KiB.",
        415 => "Send the request body as JSON with Content-Type: application/json.",
        _ => null,
    };

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} was not found.");
}

internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = Describe(context, exception);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogDependencyDown(logger, exception.GetType().Name, exception.Message);
            context.Response.Headers.RetryAfter = "1";
        }
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(HttpContext context, Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(413, "Request body too large",
            $"The request body must be at most {RequestLimits.MaxBodyBytes / 1024} KiB."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Problem(415, "Unsupported media type",
            "Send the request body as JSON with Content-Type: application/json."),
        BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
        BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", Explain(bad)),
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request", "The request was cancelled."),
        WriteContentionException => Problem(503, "Busy",
            "Other changes to the same todos kept colliding with this one. Please retry in a moment."),
        _ when IsDependencyFailure(exception) => Problem(503, "Service unavailable",
            "A backing service is temporarily unavailable. Please retry in a moment."),
        _ => Problem(500, "Internal server error", "Something went wrong on our side. It has been logged."),
    };

    private static ProblemDetails InvalidJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var reason = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known property."
            : "has an invalid value or the JSON is malformed.";
        if (field is null)
        {
            return Problem(400, "Invalid JSON", "The request body is not valid JSON for this endpoint.");
        }
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"'{field}' {reason}"] })
        {
            Status = 400,
            Title = "Invalid JSON",
            Detail = $"The request body could not be read: '{field}' {reason}",
        };
    }

    private static string Explain(BadHttpRequestException bad) =>
        bad.Message.Contains("from body", StringComparison.Ordinal) || bad.Message.Contains("request body", StringComparison.Ordinal)
            ? "A JSON request body is required."
            : bad.Message;

    private static bool IsDependencyFailure(Exception exception) => exception switch
    {
        AmazonServiceException service => (int)service.StatusCode >= 500 || service.ErrorCode?.Contains("Throttl", StringComparison.Ordinal) == true,
        AmazonClientException or HttpRequestException or TimeoutException or OperationCanceledException => true,
        _ => exception.InnerException is { } inner && IsDependencyFailure(inner),
    };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dependency unavailable: {ExceptionType} {Reason}")]
    private static partial void LogDependencyDown(ILogger logger, string exceptionType, string reason);
}
