namespace TodoApp.Core.Attachments;

/// <summary>An upload moves from PENDING to READY or FAILED exactly once.</summary>
public enum AttachmentStatus
{
    Pending,
    Ready,
    Failed,
}

/// <summary>An image attached to a todo. Width and height are the thumbnail's, once it is READY.</summary>
public sealed record Attachment(
    string Id,
    string TodoId,
    AttachmentStatus Status,
    string? FailureReason,
    string FileName,
    string ContentType,
    long Size,
    DateTimeOffset CreatedAt,
    int? ThumbnailWidth,
    int? ThumbnailHeight)
{
    /// <summary>The correlation id of the request that created it, so the thumbnail function's lines join that action.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>What happened to a request to attach a file.</summary>
public enum AttachOutcome
{
    Created,
    TodoNotFound,
    LimitReached,
}

public readonly record struct AttachResult(AttachOutcome Outcome, Attachment? Attachment);
