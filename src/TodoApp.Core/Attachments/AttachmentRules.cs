namespace TodoApp.Core.Attachments;

/// <summary>What may be attached. Each check returns an error a user can act on, or null.</summary>
public static class AttachmentRules
{
    public const int FileNameMax = 255;

    /// <summary>Decoding cost grows with pixels, not bytes: a small file can declare a huge image.</summary>
    public const long MaxPixels = 50_000_000;

    public static readonly IReadOnlyList<string> ContentTypes = ["image/jpeg", "image/png", "image/webp", "image/gif"];

    public static string? CheckFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "File name is required.";
        }
        if (fileName.Length > FileNameMax)
        {
            return $"File name must be at most {FileNameMax} characters.";
        }
        return fileName.Any(char.IsControl) ? "File name must not contain control characters." : null;
    }

    public static string? CheckContentType(string? contentType) =>
        contentType is not null && ContentTypes.Contains(contentType)
            ? null
            : "Content type must be one of image/jpeg, image/png, image/webp, image/gif.";

    public static string? CheckSize(long? size, long maxBytes) =>
        size is >= 1 && size <= maxBytes ? null : $"Size must be a whole number of bytes from 1 to {maxBytes} ({maxBytes / (1024 * 1024)} MB).";
}
