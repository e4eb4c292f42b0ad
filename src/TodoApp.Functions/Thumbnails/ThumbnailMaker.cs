using NetVips;
using TodoApp.Core.Attachments;

namespace TodoApp.Functions.Thumbnails;

/// <summary>A WebP thumbnail and its size, or the reason the input was refused.</summary>
public sealed record ThumbnailResult(byte[]? Webp, int Width, int Height, string? FailureReason)
{
    public static ThumbnailResult Refused(string reason) => new(null, 0, 0, reason);
}

/// <summary>
/// The image work, free of AWS: sniff, check the declared dimensions from the header alone, then let
/// libvips shrink-on-load to a thumbnail that fits the box, upright, with no metadata.
/// </summary>
public static class ThumbnailMaker
{
    public const int Box = 256;

    static ThumbnailMaker()
    {
        // Loaders outside libvips' fuzzed set (e.g. ImageMagick, PDF) are never used, whatever the bytes say.
        NetVips.NetVips.BlockUntrusted = true;
        // One image per invocation: the operation cache would only hold memory between invocations.
        Cache.Max = 0;
    }

    public static ThumbnailResult Make(byte[] bytes, string declaredContentType)
    {
        var actual = ImageSniffer.ContentType(bytes);
        if (actual is null)
        {
            return ThumbnailResult.Refused("The file is not a JPEG, PNG, WebP or GIF image.");
        }
        if (actual != declaredContentType)
        {
            return ThumbnailResult.Refused($"The file is {ImageSniffer.Describe(actual)} but was uploaded as {declaredContentType}.");
        }
        try
        {
            // Loading is lazy: this reads the header only, so a decompression bomb is refused before one pixel is decoded.
            using (var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential))
            {
                if ((long)header.Width * header.Height > AttachmentRules.MaxPixels)
                {
                    return ThumbnailResult.Refused(
                        $"The image is {header.Width}x{header.Height} pixels; at most {AttachmentRules.MaxPixels / 1_000_000} megapixels are accepted.");
                }
            }
            using var thumbnail = Image.ThumbnailBuffer(bytes, Box, height: Box, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
            var webp = thumbnail.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None);
            return new ThumbnailResult(webp, thumbnail.Width, thumbnail.Height, null);
        }
        catch (VipsException)
        {
            return ThumbnailResult.Refused($"The file looks like {ImageSniffer.Describe(actual)} but could not be decoded; it may be damaged.");
        }
    }
}
