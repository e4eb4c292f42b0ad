namespace TodoApp.Api.Attachments;

/// <summary>The Attachments endpoints' log lines, all under this feature's own category (not a Core store's).</summary>
public sealed partial class AttachmentsLog(ILogger<AttachmentsLog> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} created for todo {TodoId}: {ContentType}, {Size} bytes")]
    public partial void Created(string attachmentId, string todoId, string contentType, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} of todo {TodoId} deleted")]
    public partial void Deleted(string attachmentId, string todoId);
}
