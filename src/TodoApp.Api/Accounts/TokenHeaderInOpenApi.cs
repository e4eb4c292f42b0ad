using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TodoApp.Api.Accounts;

/// <summary>
/// Says in the OpenAPI document how a caller sends its access token, so that generated clients and
/// the local <c>/docs</c> page can call the API: the <see cref="AccessTokens.TokenHeader"/> header with
/// <c>Bearer &lt;token&gt;</c>, on every operation that needs a signed-in user.
/// </summary>
public static class TokenHeaderInOpenApi
{
    public const string SchemeName = "accessToken";

    public static OpenApiOptions AddTokenHeader(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AccessTokens.TokenHeader,
                Description = "\"Bearer \" and a Cognito access token of the app's client. Behind CloudFront the "
                    + "Authorization header is taken by origin access control, so the token travels in this one. "
                    + "Locally, POST /_local/token with {\"user\":\"alice\"} returns one.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
                });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
