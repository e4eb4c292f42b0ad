using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace TodoApp.Functions.Tests.Thumbnails;

/// <summary>Real image files, made by libvips itself (or byte by byte where the point is a hostile header).</summary>
internal static class TestImages
{
    public static Image Colour(int width, int height, int bands = 3) =>
        Image.Black(width, height, bands).Linear(Enumerable.Repeat(1.0, bands).ToArray(), new double[] { 200, 120, 40, 128 }[..bands]).Cast(Enums.BandFormat.Uchar);

    /// <summary>Stored landscape, but the camera says "rotate 90° clockwise to view": the viewer sees portrait.</summary>
    public static byte[] JpegWithOrientation6(int width, int height)
    {
        using var image = Colour(width, height);
        using var oriented = image.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        return oriented.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    public static byte[] PngWithAlpha(int width, int height)
    {
        using var image = Colour(width, height, bands: 4);
        return image.PngsaveBuffer();
    }

    public static byte[] Webp(int width, int height)
    {
        using var image = Colour(width, height);
        return image.WebpsaveBuffer();
    }

    /// <summary>Incompressible pixels, so the file is large for its dimensions.</summary>
    public static byte[] NoisyJpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 60);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar);
        return rgb.JpegsaveBuffer(q: 95);
    }

    /// <summary>A valid PNG header declaring <paramref name="size"/>² pixels, followed by almost no pixel data.</summary>
    public static byte[] PngDeclaring(int size)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        WriteChunk(file, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[64]);
            }
            WriteChunk(file, "IDAT", pixels.ToArray());
        }
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    public static byte[] Text() => Encoding.UTF8.GetBytes("This is not a photo, whatever its name says.\n");

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        file.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
