using System.Security.Claims;
using Amazon.S3;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TodoApp.Api.Accounts;
using TodoApp.Api.Infrastructure;
using TodoApp.Core.Attachments;
using TodoApp.Core.Aws;
using TodoApp.Core.Data;
using TodoApp.Core.Settings;

namespace TodoApp.Api.Attachments;

public static partial class AttachmentsApi
{
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AttachmentJsonContext.Default));
        services.AddSettings(MediaOptions.Section, section => section.Get<MediaOptions>(), new MediaOptionsValidator());
        services.AddSettings(AttachmentOptions.Section, section => section.Get<AttachmentOptions>(), new AttachmentOptionsValidator());
        services.TryAddSingleton<IAmazonS3>(sp => AwsClients.S3(sp.GetRequiredService<AwsOptions>()));
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentMedia>();
        services.AddSingleton<TodoAttachments>();
        services.AddSingleton<AttachmentsLog>();
        return services;
    }

    public static RouteGroupBuilder MapAttachments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/todos/{id}/attachments").WithTags("Attachments");
        group.MapPost("/", Create).WithName("CreateAttachment")
            .WithSummary("Registers an image for a todo and returns a presigned request to upload it to.")
            .ProducesProblem(404).ProducesProblem(409);
        group.MapGet("/{attachmentId}", Get).WithName("GetAttachment").WithSummary("Gets one attachment, for polling its status.").ProducesProblem(404);
        group.MapDelete("/{attachmentId}", Delete).WithName("DeleteAttachment").WithSummary("Deletes an attachment and its files.").ProducesProblem(404);
        return group;
    }

    public static async Task<Results<Created<CreatedAttachmentResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string id, CreateAttachmentRequest body, HttpContext http, ClaimsPrincipal user, AttachmentStore store, AttachmentMedia media, TodoAttachments views,
        AttachmentOptions options, AttachmentsLog log, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(id))
        {
            return ApiProblemDetails.NotFound($"Todo '{id}'");
        }
        var errors = new Dictionary<string, string[]>();
        errors.AddIfInvalid("fileName", AttachmentRules.CheckFileName(body.FileName));
        errors.AddIfInvalid("contentType", AttachmentRules.CheckContentType(body.ContentType));
        errors.AddIfInvalid("size", AttachmentRules.CheckSize(body.Size, options.MaxBytes));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var userId = user.UserId();
        // The correlation id is stored with the attachment: the upload's thumbnail run logs under it.
        var result = await store.CreateAsync(userId, id, body.FileName!, body.ContentType!, body.Size!.Value, http.CorrelationId(), ct);
        switch (result.Outcome)
        {
            case AttachOutcome.TodoNotFound:
                return ApiProblemDetails.NotFound($"Todo '{id}'");
            case AttachOutcome.LimitReached:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many attachments",
                    detail: $"A todo can have at most {options.MaxPerTodo} attachments. Delete one before adding another.");
        }
        var attachment = result.Attachment!;
        var upload = await media.PresignUploadAsync(new AttachmentRef(userId, id, attachment.Id), attachment.ContentType, attachment.Size);
        log.Created(attachment.Id, id, attachment.ContentType, attachment.Size);
        return TypedResults.Created($"/api/todos/{id}/attachments/{attachment.Id}",
            new CreatedAttachmentResponse(await views.ToResponseAsync(userId, attachment), UploadResponse.From(upload)));
    }

    public static async Task<Results<Ok<AttachmentResponse>, ProblemHttpResult>> Get(
        string id, string attachmentId, ClaimsPrincipal user, AttachmentStore store, TodoAttachments views, CancellationToken ct)
    {
        var attachment = Ids.IsWellFormed(id) && Ids.IsWellFormed(attachmentId)
            ? await store.GetAsync(new AttachmentRef(user.UserId(), id, attachmentId), ct)
            : null;
        return attachment is null
            ? ApiProblemDetails.NotFound($"Attachment '{attachmentId}'")
            : TypedResults.Ok(await views.ToResponseAsync(user.UserId(), attachment));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, string attachmentId, ClaimsPrincipal user, AttachmentStore store, AttachmentMedia media, AttachmentsLog log, CancellationToken ct)
    {
        if (!Ids.IsWellFormed(id) || !Ids.IsWellFormed(attachmentId))
        {
            return ApiProblemDetails.NotFound($"Attachment '{attachmentId}'");
        }
        var at = new AttachmentRef(user.UserId(), id, attachmentId);
        var deleted = await store.DeleteAsync(at, ct);
        // Also when the record is already gone: a retry after a failed object delete still removes the files.
        // The keys are built from the caller's own user id, so this can never touch someone else's files.
        await media.DeleteAsync(at, ct);
        if (deleted is null)
        {
            return ApiProblemDetails.NotFound($"Attachment '{attachmentId}'");
        }
        log.Deleted(attachmentId, id);
        return TypedResults.NoContent();
    }
}
