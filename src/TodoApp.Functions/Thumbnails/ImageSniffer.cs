namespace TodoApp.Functions.Thumbnails;

/// <summary>
/// The real format of a file, from its first bytes. The browser's content type and the file name are
/// claims; only these magic numbers decide which decoder ever sees the bytes.
/// </summary>
public static class ImageSniffer
{
    public static string? ContentType(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };

    public static string Describe(string contentType) => contentType switch
    {
        "image/jpeg" => "a JPEG image",
        "image/png" => "a PNG image",
        "image/gif" => "a GIF image",
        "image/webp" => "a WebP image",
        _ => contentType,
    };
}
