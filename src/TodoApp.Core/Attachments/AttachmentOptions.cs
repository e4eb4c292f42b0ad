using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TodoApp.Core.Attachments;

/// <summary>Limits on attachments, shared by the API (what it presigns) and the thumbnail function (what it accepts).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    [Range(1, 5L * 1024 * 1024 * 1024, ErrorMessage = "Attachments:MaxBytes must be between 1 byte and 5 GiB (a single S3 PUT).")]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>A todo's delete removes it, its records and its summary share in one transaction of at most 100 items.</summary>
    [Range(1, 98, ErrorMessage = "Attachments:MaxPerTodo must be 1 to 98 (a todo's delete is one transaction of at most 100 items).")]
    public int MaxPerTodo { get; set; } = 10;
}

/// <summary>The media bucket. Bound from the <c>Media</c> section (MEDIA__BUCKETNAME on Lambda).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    [Required(ErrorMessage = "Media:BucketName is required (environment variable MEDIA__BUCKETNAME).")]
    public string BucketName { get; set; } = "";
}

[OptionsValidator]
public sealed partial class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>;

[OptionsValidator]
public sealed partial class MediaOptionsValidator : IValidateOptions<MediaOptions>;
