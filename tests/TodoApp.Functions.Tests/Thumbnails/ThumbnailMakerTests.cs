using NetVips;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Functions.Tests.Thumbnails;

/// <summary>The JPEG path decodes at a reduced DCT scale and fits the rest; these pin what that must not change.</summary>
public class ThumbnailMakerTests
{
    [Theory]
    [InlineData(4000, 3000)]
    [InlineData(3001, 2001)]
    [InlineData(2048, 1536)]
    [InlineData(1023, 767)]
    [InlineData(513, 257)]
    [InlineData(257, 1030)]
    [InlineData(300, 200)]
    public void JpegThumbnailHasLibvipsOwnDimensionsAndNoDarkEdge(int width, int height)
    {
        using var image = TestImages.Colour(width, height);
        var jpeg = image.JpegsaveBuffer(q: 90);
        using var reference = Image.ThumbnailBuffer(jpeg, ThumbnailMaker.Box, height: ThumbnailMaker.Box, size: Enums.Size.Down);

        var result = ThumbnailMaker.Make(jpeg, "image/jpeg");

        Assert.Null(result.FailureReason);
        Assert.Equal((reference.Width, reference.Height), (result.Width, result.Height));
        using var thumbnail = Image.NewFromBuffer(result.Webp!);
        Assert.Equal((reference.Width, reference.Height), (thumbnail.Width, thumbnail.Height));
        // A DCT scale rounds the size up; a partial last block must not show as a dark row or column.
        using var red = thumbnail[0];
        Assert.InRange(red.Min(), 190, 210);
    }

    [Fact]
    public void LargeJpegWithExifOrientation6IsUprightAfterAReducedScaleDecode()
    {
        // Stored 4000x2000 with the left half dark; "rotate 90° clockwise to view" puts that half on top.
        using var dark = Image.Black(2000, 2000, bands: 3);
        using var bright = (dark + 255).Cast(Enums.BandFormat.Uchar);
        using var stored = dark.Cast(Enums.BandFormat.Uchar).Join(bright, Enums.Direction.Horizontal);
        using var oriented = stored.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        var jpeg = oriented.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);

        var result = ThumbnailMaker.Make(jpeg, "image/jpeg");

        Assert.Equal((128, 256), (result.Width, result.Height));
        using var thumbnail = Image.NewFromBuffer(result.Webp!);
        using var top = thumbnail.Crop(0, 0, 128, 100);
        using var bottom = thumbnail.Crop(0, 156, 128, 100);
        Assert.InRange(top.Avg(), 0, 20);
        Assert.InRange(bottom.Avg(), 235, 255);
        Assert.DoesNotContain("orientation", thumbnail.GetFields());
    }
}
