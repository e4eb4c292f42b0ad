using NetVips;
using TodoApp.Core.Attachments;

namespace TodoApp.Functions.Thumbnails;

/// <summary>A WebP thumbnail and its size, or the reason the input was refused.</summary>
public sealed record ThumbnailResult(byte[]? Webp, int Width, int Height, string? FailureReason)
{
    public static ThumbnailResult Refused(string reason) => new(null, 0, 0, reason);
}

/// <summary>
/// The image work, free of AWS: sniff, check the declared dimensions from the header alone, then
/// shrink on load to a thumbnail that fits the box, upright, with no metadata.
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
            using var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
            if ((long)header.Width * header.Height > AttachmentRules.MaxPixels)
            {
                return ThumbnailResult.Refused(
                    $"The image is {header.Width}x{header.Height} pixels; at most {AttachmentRules.MaxPixels / 1_000_000} megapixels are accepted.");
            }
            using var thumbnail = actual == "image/jpeg"
                ? JpegThumbnail(bytes, header.Width, header.Height)
                : Image.ThumbnailBuffer(bytes, Box, height: Box, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
            var webp = thumbnail.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None);
            return new ThumbnailResult(webp, thumbnail.Width, thumbnail.Height, null);
        }
        catch (VipsException)
        {
            return ThumbnailResult.Refused($"The file looks like {ImageSniffer.Describe(actual)} but could not be decoded; it may be damaged.");
        }
    }

    /// <summary>
    /// A JPEG decoded at the largest DCT scale (1/2, 1/4, 1/8) that still covers the box, then fitted.
    /// libvips' own thumbnail keeps a factor of two in reserve for its final resize, so a 12 MP photo
    /// would be decoded at 1/4 (1000x750, with a 4x4 inverse DCT) instead of 1/8 (500x375, the block
    /// means). For a 256-pixel thumbnail the block means lose nothing visible and save about a fifth
    /// of the time, most of which is entropy decoding that no scale avoids. sharp makes the same trade
    /// by default (fastShrinkOnLoad). The EXIF orientation is carried by the loaded image and applied
    /// by the fit; the box is square, so which side is longer does not change the scale.
    /// </summary>
    private static Image JpegThumbnail(byte[] bytes, int width, int height)
    {
        var fit = (double)Math.Max(width, height) / Box;
        var shrink = fit >= 8 ? 8 : fit >= 4 ? 4 : fit >= 2 ? 2 : 1;
        using var loaded = Image.JpegloadBuffer(bytes, shrink: shrink, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        return loaded.ThumbnailImage(Box, height: Box, size: Enums.Size.Down);
    }
}
