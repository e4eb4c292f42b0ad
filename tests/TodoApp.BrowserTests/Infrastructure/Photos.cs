using NetVips;

namespace TodoApp.BrowserTests.Infrastructure;

/// <summary>Real image files for uploads, made by libvips.</summary>
public static class Photos
{
    /// <summary>A noisy photo-like JPEG, so the file has a realistic size for its dimensions.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 40);
        using var rgb = noise.Bandjoin(noise.Linear([0.8], [20.0]), noise.Linear([0.6], [60.0])).Cast(Enums.BandFormat.Uchar);
        return rgb.JpegsaveBuffer(q: 85);
    }

    public static byte[] Png(int width, int height)
    {
        using var image = Image.Black(width, height, 3).Linear([1.0, 1.0, 1.0], [40.0, 160.0, 90.0]).Cast(Enums.BandFormat.Uchar);
        return image.PngsaveBuffer();
    }

    public static FilePayload File(string name, string mimeType, byte[] bytes) => new() { Name = name, MimeType = mimeType, Buffer = bytes };
}
