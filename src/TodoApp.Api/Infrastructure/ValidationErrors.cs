namespace TodoApp.Api.Infrastructure;

/// <summary>The one way endpoints collect field errors for <c>TypedResults.ValidationProblem</c>.</summary>
internal static class ValidationErrors
{
    /// <summary>Records <paramref name="error"/> for <paramref name="field"/>; the rules return null for valid input.</summary>
    public static void AddIfInvalid(this Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }
}
