using TodoApp.Core.Attachments;
using TodoApp.Core.Todos;

namespace TodoApp.Api.Attachments;

/// <summary>
/// What the todo endpoints need from attachments: their views (with fresh download URLs) and their
/// files once their todo is deleted. A todo's attachment count always equals its number of
/// attachment items, so todos whose count is zero are not queried for: a page without attachments
/// costs one DynamoDB query, not two.
/// </summary>
public sealed class TodoAttachments(AttachmentStore store, AttachmentMedia media)
{
    public async Task<IReadOnlyList<AttachmentResponse>> ForTodoAsync(string userId, Todo todo, CancellationToken ct) =>
        todo.AttachmentCount == 0 ? [] : await ToResponsesAsync(userId, await store.ListForTodoAsync(userId, todo.Id, ct));

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AttachmentResponse>>> ForTodosAsync(string userId, IReadOnlyList<Todo> todos, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<AttachmentResponse>>(StringComparer.Ordinal);
        var withAttachments = todos.Where(t => t.AttachmentCount > 0).Select(t => t.Id).ToArray();
        if (withAttachments.Length == 0)
        {
            return result;
        }
        foreach (var (todoId, attachments) in await store.ListForTodosAsync(userId, withAttachments, ct))
        {
            result[todoId] = await ToResponsesAsync(userId, attachments);
        }
        return result;
    }

    /// <summary>The originals and thumbnails of attachments whose records were deleted with their todo.</summary>
    public async Task DeleteFilesAsync(IReadOnlyList<AttachmentRef> deleted, CancellationToken ct)
    {
        foreach (var at in deleted)
        {
            await media.DeleteAsync(at, ct);
        }
    }

    public async Task<AttachmentResponse> ToResponseAsync(string userId, Attachment a)
    {
        string? url = null, thumbnailUrl = null;
        if (a.Status == AttachmentStatus.Ready)
        {
            var at = new AttachmentRef(userId, a.TodoId, a.Id);
            url = await media.PresignDownloadAsync(at.UploadKey, a.ContentType);
            thumbnailUrl = await media.PresignDownloadAsync(at.ThumbnailKey, "image/webp");
        }
        return new AttachmentResponse(a.Id, AttachmentItem.StatusName(a.Status), a.FailureReason, a.FileName, a.ContentType,
            a.Size, a.CreatedAt, url, thumbnailUrl, a.ThumbnailWidth, a.ThumbnailHeight);
    }

    private async Task<IReadOnlyList<AttachmentResponse>> ToResponsesAsync(string userId, IReadOnlyList<Attachment> attachments)
    {
        var responses = new AttachmentResponse[attachments.Count];
        for (var i = 0; i < attachments.Count; i++)
        {
            responses[i] = await ToResponseAsync(userId, attachments[i]);
        }
        return responses;
    }
}
