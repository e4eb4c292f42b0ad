using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using TodoApp.Core.Aws;

namespace TodoApp.Core.Attachments;

/// <summary>How a browser must send the file: the signature covers the listed headers, so S3 refuses any other type or size.</summary>
public sealed record UploadInstruction(string Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

/// <summary>The attachment objects in the media bucket: presigned upload and download, and deletion.</summary>
public sealed class AttachmentMedia(IAmazonS3 s3, IOptions<MediaOptions> media, IOptions<AwsOptions> aws, TimeProvider clock)
{
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DownloadLifetime = TimeSpan.FromMinutes(15);

    private readonly string _bucket = media.Value.BucketName;

    // The emulator endpoint is plain HTTP; a presigned URL defaults to HTTPS.
    private readonly Protocol _protocol = aws.Value.S3ServiceUrl?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS;

    public async Task<UploadInstruction> PresignUploadAsync(AttachmentRef at, string contentType, long size)
    {
        var expiresAt = clock.GetUtcNow().Add(UploadLifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = at.UploadKey,
            Verb = HttpVerb.PUT,
            Protocol = _protocol,
            Expires = expiresAt.UtcDateTime,
            ContentType = contentType,
        };
        // Signed, so the upload must be exactly this many bytes: S3 answers 403 to anything else.
        request.Headers.ContentLength = size;
        var url = await s3.GetPreSignedURLAsync(request);
        return new UploadInstruction(url, "PUT", new Dictionary<string, string>
        {
            ["Content-Type"] = contentType,
            ["Content-Length"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, expiresAt);
    }

    public Task<string> PresignDownloadAsync(string key, string? contentType = null)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = _protocol,
            Expires = clock.GetUtcNow().Add(DownloadLifetime).UtcDateTime,
        };
        if (contentType is not null)
        {
            request.ResponseHeaderOverrides.ContentType = contentType;
        }
        return s3.GetPreSignedURLAsync(request);
    }

    /// <summary>Removes the original and the thumbnail; deleting what is not there is not an error in S3.</summary>
    public async Task DeleteAsync(AttachmentRef at, CancellationToken ct)
    {
        var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = _bucket,
            Objects = [new KeyVersion { Key = at.UploadKey }, new KeyVersion { Key = at.ThumbnailKey }],
            Quiet = true,
        }, ct);
        // A batch delete reports per-key failures in the body, not as an exception.
        if (response.DeleteErrors is { Count: > 0 } errors)
        {
            throw new AmazonS3Exception($"Could not delete {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
        }
    }
}
