namespace TodoApp.Deploy.Tests;

/// <summary>
/// The environment variables each deployable's code reads (configuration keys with ':' as '__').
/// Kept next to the template tests on purpose: adding a setting in code without adding it here
/// and to template.yaml is what these tests exist to catch in review.
/// </summary>
internal static class RequiredSettings
{
    private static readonly Dictionary<string, string[]> ByFunction = new()
    {
        ["ApiFunction"] = ["TABLE__NAME", "ORDERS__QUEUEURL", "MEDIA__BUCKETNAME", "AWS_LWA_PORT", "ASPNETCORE_URLS", "AUTH__AUTHORITY", "AUTH__CLIENTID", "AWS_LWA_AUTHORIZATION_SOURCE"],
        ["OrderProcessorFunction"] = ["TABLE__NAME"],
        ["ThumbnailFunction"] = ["TABLE__NAME", "MEDIA__BUCKETNAME"],
        ["GitHubToSlackFunction"] = ["TABLE__NAME", "GITHUB__WEBHOOKSECRETPARAMETER", "GITHUB__SLACKWEBHOOKURLPARAMETER"],
        ["ApiFunctionLocal"] = ["TABLE__NAME", "ORDERS__QUEUEURL", "MEDIA__BUCKETNAME", "AWS_LWA_PORT", "ASPNETCORE_URLS", "AUTH__AUTHORITY", "AUTH__CLIENTID"],
        ["CleanupFunction"] = ["TABLE__NAME", "CLEANUP__RETENTIONDAYS", "CLEANUP__TIMEOUTSECONDS", "ORDERS__QUEUEURL"],
    };

    public static IReadOnlyList<string> For(string functionId) =>
        ByFunction.TryGetValue(functionId, out var names) ? names : throw new KeyNotFoundException($"Add {functionId}'s settings to RequiredSettings.");
}
