using TodoApp.Core.Data;

namespace TodoApp.Core.Attachments;

/// <summary>
/// Where attachments live: in the table next to their todo's owner, and in the media bucket under
/// keys built from ids only, so a user's file name never becomes a path.
/// </summary>
public static class AttachmentKeys
{
    /// <summary>
    /// <c>ATT#{todoId}#{attachmentId}</c> rather than under <c>TODO#</c>: the todo list query then never
    /// reads attachment items (no wasted page budget, and its cursor can never land on one), while one
    /// key range still returns the attachments of a whole page of todos.
    /// </summary>
    public const string Prefix = "ATT#";

    /// <summary>PENDING attachments carry this sparse GSI1 entry, so stale uploads are found without a scan.</summary>
    public const string PendingIndexKey = "ATTACHMENT#PENDING";

    public const string UploadsPrefix = "uploads/";
    public const string ThumbnailsPrefix = "thumbnails/";

    public static string SortKey(string todoId, string attachmentId) => $"{Prefix}{todoId}#{attachmentId}";

    public static string TodoPrefix(string todoId) => $"{Prefix}{todoId}#";

    public static string UploadKey(string userId, string todoId, string attachmentId) =>
        $"{UploadsPrefix}{userId}/{todoId}/{attachmentId}";

    public static string ThumbnailKey(string userId, string todoId, string attachmentId) =>
        $"{ThumbnailsPrefix}{userId}/{todoId}/{attachmentId}.webp";

    /// <summary>Reads an upload key back into its ids; anything we would not have built is refused.</summary>
    public static bool TryParseUploadKey(string key, out AttachmentRef reference)
    {
        reference = default;
        if (!key.StartsWith(UploadsPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var parts = key[UploadsPrefix.Length..].Split('/');
        if (parts.Length != 3 || !parts.All(Ids.IsWellFormed))
        {
            return false;
        }
        reference = new AttachmentRef(parts[0], parts[1], parts[2]);
        return true;
    }
}

/// <summary>The full address of one attachment: owner, todo and attachment id.</summary>
public readonly record struct AttachmentRef(string UserId, string TodoId, string AttachmentId)
{
    public string UploadKey => AttachmentKeys.UploadKey(UserId, TodoId, AttachmentId);
    public string ThumbnailKey => AttachmentKeys.ThumbnailKey(UserId, TodoId, AttachmentId);
}
