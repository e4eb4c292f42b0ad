using NetVips;
using TodoApp.Core.Attachments;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Functions.Tests.Thumbnails;

public class ThumbnailFunctionTests
{
    [Fact]
    public async Task JpegWithExifOrientation6GetsAnUprightThumbnailWithoutMetadata()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.JpegWithOrientation6(400, 200), "image/jpeg");

        var summary = await harness.DeliverAsync(at);

        Assert.Equal(new ThumbnailSummary(1, 0, 0), summary);
        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal(AttachmentStatus.Ready, attachment.Status);
        // Stored 400x200, viewed 200x400: fitted into 256x256 that is 128x256.
        Assert.Equal((128, 256), (attachment.ThumbnailWidth, attachment.ThumbnailHeight));
        var webp = (await harness.ReadObjectAsync(at.ThumbnailKey))!;
        Assert.Equal("image/webp", ImageSniffer.ContentType(webp));
        using var thumbnail = Image.NewFromBuffer(webp);
        Assert.Equal((128, 256), (thumbnail.Width, thumbnail.Height));
        Assert.DoesNotContain("exif-data", thumbnail.GetFields());
        Assert.DoesNotContain("orientation", thumbnail.GetFields());
        Assert.NotNull(await harness.ReadObjectAsync(at.UploadKey));
    }

    [Fact]
    public async Task PngWithAlphaKeepsItsTransparency()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.PngWithAlpha(600, 300), "image/png", "logo.png");

        await harness.DeliverAsync(at);

        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal((AttachmentStatus.Ready, 256, 128), (attachment.Status, attachment.ThumbnailWidth, attachment.ThumbnailHeight));
        using var thumbnail = Image.NewFromBuffer((await harness.ReadObjectAsync(at.ThumbnailKey))!);
        Assert.True(thumbnail.HasAlpha());
    }

    [Fact]
    public async Task SmallWebpIsNotEnlarged()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.Webp(100, 80), "image/webp", "small.webp");

        await harness.DeliverAsync(at);

        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal((AttachmentStatus.Ready, 100, 80), (attachment.Status, attachment.ThumbnailWidth, attachment.ThumbnailHeight));
    }

    [Fact]
    public async Task TinyPngDeclaring20000x20000PixelsFailsFromItsHeaderAlone()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var bomb = TestImages.PngDeclaring(20000);
        Assert.True(bomb.Length < 1024);
        var at = await harness.UploadAsync(bomb, "image/png", "bomb.png");

        var summary = await harness.DeliverAsync(at);

        Assert.Equal(1, summary.Failed);
        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal(AttachmentStatus.Failed, attachment.Status);
        // The reason quotes the header's dimensions: decoding the (missing) pixels would have failed differently.
        Assert.Contains("20000x20000", attachment.FailureReason, StringComparison.Ordinal);
        Assert.Null(await harness.ReadObjectAsync(at.UploadKey));
        Assert.Null(await harness.ReadObjectAsync(at.ThumbnailKey));
    }

    [Fact]
    public async Task TextFileNamedJpgFailsAndItsOriginalIsDeleted()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.Text(), "image/jpeg", "holiday.jpg");

        await harness.DeliverAsync(at);

        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal(AttachmentStatus.Failed, attachment.Status);
        Assert.Equal("The file is not a JPEG, PNG, WebP or GIF image.", attachment.FailureReason);
        Assert.Null(await harness.ReadObjectAsync(at.UploadKey));
    }

    [Fact]
    public async Task PngUploadedAsJpegFailsWithBothFormatsNamed()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.PngWithAlpha(20, 20), "image/jpeg");

        await harness.DeliverAsync(at);

        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal("The file is a PNG image but was uploaded as image/jpeg.", attachment.FailureReason);
    }

    [Fact]
    public async Task FileAboveTheSizeLimitFailsWithoutBeingDecoded()
    {
        using var harness = await ThumbnailHarness.CreateAsync(maxBytes: 20_000);
        var jpeg = TestImages.NoisyJpeg(300, 300);
        Assert.True(jpeg.Length > 20_000);
        var at = await harness.UploadAsync(jpeg, "image/jpeg");

        await harness.DeliverAsync(at);

        var attachment = (await harness.Store.GetAsync(at, default))!;
        Assert.Equal(AttachmentStatus.Failed, attachment.Status);
        Assert.Equal("The file is 20001 bytes; at most 20000 bytes are accepted.", attachment.FailureReason);
        Assert.Null(await harness.ReadObjectAsync(at.UploadKey));
    }

    [Fact]
    public async Task SameEventTwiceHasOneEffect()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.JpegWithOrientation6(300, 300), "image/jpeg");

        var first = await harness.DeliverAsync(at);
        var thumbnail = await harness.ReadObjectAsync(at.ThumbnailKey);
        var second = await harness.DeliverAsync(at);

        Assert.Equal(new ThumbnailSummary(1, 0, 0), first);
        Assert.Equal(new ThumbnailSummary(0, 0, 1), second);
        Assert.Equal(thumbnail, await harness.ReadObjectAsync(at.ThumbnailKey));
        Assert.Equal(AttachmentStatus.Ready, (await harness.Store.GetAsync(at, default))!.Status);
    }

    [Fact]
    public async Task ConcurrentDuplicateEventsMarkTheAttachmentReadyOnce()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.JpegWithOrientation6(300, 200), "image/jpeg");

        var summaries = await Task.WhenAll(harness.DeliverAsync(at), harness.DeliverAsync(at), harness.DeliverAsync(at));

        Assert.Equal(1, summaries.Sum(s => s.Ready));
        Assert.Equal(2, summaries.Sum(s => s.Skipped));
    }

    [Fact]
    public async Task KeysThatAreNotOurUploadsAreSkipped()
    {
        using var harness = await ThumbnailHarness.CreateAsync();

        Assert.Equal(new ThumbnailSummary(0, 0, 1), await harness.DeliverKeyAsync("uploads/Happy Face.jpg"));
        Assert.Equal(new ThumbnailSummary(0, 0, 1), await harness.DeliverKeyAsync($"uploads/{harness.UserId}/0000/1111"));
    }

    [Fact]
    public async Task UploadForADeletedAttachmentIsSkipped()
    {
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.Webp(50, 50), "image/webp");
        await harness.Store.DeleteAsync(at, default);

        Assert.Equal(new ThumbnailSummary(0, 0, 1), await harness.DeliverAsync(at));
        Assert.Null(await harness.ReadObjectAsync(at.ThumbnailKey));
    }
}
