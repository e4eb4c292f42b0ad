using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Attachments;

/// <summary>How an <see cref="Attachment"/> is laid out as a DynamoDB item.</summary>
public static class AttachmentItem
{
    public const string Type = "Attachment";

    public static Dictionary<string, AttributeValue> Key(AttachmentRef at) => new(2)
    {
        [Keys.PK] = S(Keys.User(at.UserId)),
        [Keys.SK] = S(AttachmentKeys.SortKey(at.TodoId, at.AttachmentId)),
    };

    public static Dictionary<string, AttributeValue> ToItem(string userId, Attachment attachment)
    {
        var item = Fields(userId, attachment);
        if (attachment.CorrelationId is not null)
        {
            item["correlationId"] = S(attachment.CorrelationId);
        }
        return item;
    }

    private static Dictionary<string, AttributeValue> Fields(string userId, Attachment attachment) => new(16)
    {
        [Keys.PK] = S(Keys.User(userId)),
        [Keys.SK] = S(AttachmentKeys.SortKey(attachment.TodoId, attachment.Id)),
        // Only PENDING items are in the index; moving on from PENDING removes these two attributes.
        [Keys.Gsi1PK] = S(AttachmentKeys.PendingIndexKey),
        [Keys.Gsi1SK] = S($"{Time(attachment.CreatedAt).S}#{userId}#{attachment.TodoId}#{attachment.Id}"),
        ["type"] = S(Type),
        ["id"] = S(attachment.Id),
        ["userId"] = S(userId),
        ["todoId"] = S(attachment.TodoId),
        ["status"] = S(StatusName(attachment.Status)),
        ["fileName"] = S(attachment.FileName),
        ["contentType"] = S(attachment.ContentType),
        ["size"] = N(attachment.Size),
        ["createdAt"] = Time(attachment.CreatedAt),
    };

    public static Attachment FromItem(Dictionary<string, AttributeValue> item) => new(
        Id: item.GetString("id"),
        TodoId: item.GetString("todoId"),
        Status: ParseStatus(item.GetString("status")),
        FailureReason: item.GetStringOrNull("failureReason"),
        FileName: item.GetString("fileName"),
        ContentType: item.GetString("contentType"),
        Size: item.GetLong("size"),
        CreatedAt: item.GetTime("createdAt"),
        ThumbnailWidth: item.ContainsKey("thumbnailWidth") ? (int)item.GetLong("thumbnailWidth") : null,
        ThumbnailHeight: item.ContainsKey("thumbnailHeight") ? (int)item.GetLong("thumbnailHeight") : null)
    {
        CorrelationId = item.GetStringOrNull("correlationId"),
    };

    /// <summary>The wire and storage name: <c>PENDING</c>, <c>READY</c>, <c>FAILED</c>.</summary>
    public static string StatusName(AttachmentStatus status) => status switch
    {
        AttachmentStatus.Pending => "PENDING",
        AttachmentStatus.Ready => "READY",
        _ => "FAILED",
    };

    private static AttachmentStatus ParseStatus(string value) =>
        TryParseStatus(value, out var status) ? status : throw new InvalidDataException($"Unknown attachment status '{value}'.");

    internal static bool TryParseStatus(string? value, out AttachmentStatus status)
    {
        status = value switch
        {
            "PENDING" => AttachmentStatus.Pending,
            "READY" => AttachmentStatus.Ready,
            _ => AttachmentStatus.Failed,
        };
        return value is "PENDING" or "READY" or "FAILED";
    }
}
