using System.Security.Claims;

namespace TodoApp.Api.Accounts;

/// <summary>
/// The one seam for "who is calling": every endpoint reads the user id from the validated access
/// token's <c>sub</c> claim (a Cognito user's stable id), and every item the user owns is keyed by it.
/// </summary>
public static class CurrentUser
{
    public const string SubjectClaim = "sub";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirst(SubjectClaim)?.Value ?? throw new InvalidOperationException("The request has no signed-in user.");
}
