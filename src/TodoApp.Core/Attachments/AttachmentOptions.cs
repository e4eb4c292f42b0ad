using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TodoApp.Core.Settings;

namespace TodoApp.Core.Attachments;

/// <summary>Limits on attachments, shared by the API (what it presigns) and the thumbnail function (what it accepts).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>At most 5 GiB, a single S3 PUT.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>A todo's delete removes it, its records and its summary share in one transaction of at most 100 items.</summary>
    public int MaxPerTodo { get; set; } = 10;
}

/// <summary>The media bucket. Bound from the <c>Media</c> section (MEDIA__BUCKETNAME on Lambda).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    [Required(ErrorMessage = "Media:BucketName is required (environment variable MEDIA__BUCKETNAME).")]
    public string BucketName { get; set; } = "";
}

/// <summary>By hand, so each message names its setting (see <see cref="SettingRanges"/>).</summary>
public sealed class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options) => new SettingRanges()
        .Check(options.MaxBytes, 1, 5L * 1024 * 1024 * 1024, "Attachments:MaxBytes must be between 1 byte and 5 GiB (a single S3 PUT).")
        .Check(options.MaxPerTodo, 1, 98, "Attachments:MaxPerTodo must be 1 to 98 (a todo's delete is one transaction of at most 100 items).")
        .Result;
}

[OptionsValidator]
public sealed partial class MediaOptionsValidator : IValidateOptions<MediaOptions>;
