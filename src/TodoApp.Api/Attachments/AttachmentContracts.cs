using System.Text.Json;
using System.Text.Json.Serialization;
using TodoApp.Core.Attachments;

namespace TodoApp.Api.Attachments;

public sealed record CreateAttachmentRequest(string? FileName, string? ContentType, long? Size);

/// <summary>
/// An attachment as the browser sees it. <c>url</c> and <c>thumbnailUrl</c> are short-lived presigned
/// GET URLs, present only when <c>status</c> is READY; <c>failureReason</c> only when FAILED.
/// </summary>
public sealed record AttachmentResponse(
    string Id,
    string Status,
    string? FailureReason,
    string FileName,
    string ContentType,
    long Size,
    DateTimeOffset CreatedAt,
    string? Url,
    string? ThumbnailUrl,
    int? ThumbnailWidth,
    int? ThumbnailHeight);

/// <summary>Send the file with exactly this method, URL and headers before <c>expiresAt</c>.</summary>
public sealed record UploadResponse(string Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt)
{
    public static UploadResponse From(UploadInstruction upload) => new(upload.Url, upload.Method, upload.Headers, upload.ExpiresAt);
}

public sealed record CreatedAttachmentResponse(AttachmentResponse Attachment, UploadResponse Upload);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateAttachmentRequest))]
[JsonSerializable(typeof(CreatedAttachmentResponse))]
[JsonSerializable(typeof(AttachmentResponse))]
internal sealed partial class AttachmentJsonContext : JsonSerializerContext;
