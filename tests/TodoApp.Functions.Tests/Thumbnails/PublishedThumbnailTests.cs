using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using NetVips;
using TodoApp.Core.Attachments;
using TodoApp.Functions.Thumbnails;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Thumbnails;

/// <summary>
/// The thumbnail function as deployed: the Native AOT bootstrap from `make build-ThumbnailFunction` (the
/// publish the Deploy tests check too, shared through the Makefile's stamp), with libvips loaded from
/// the package folder, called the way the Lambda Web Adapter calls it.
/// </summary>
public sealed class PublishedThumbnailTests
{
    [Fact]
    public async Task ThePublishedBootstrapThumbnailsAnUploadAndLogsLambdasRequestId()
    {
        var package = await BuildPackageAsync();
        using var harness = await ThumbnailHarness.CreateAsync();
        var at = await harness.UploadAsync(TestImages.JpegWithOrientation6(400, 200), "image/jpeg");
        var port = FreePort();
        var logs = new ConcurrentQueue<string>();
        using var bootstrap = Start(package, port, harness, logs);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            Assert.True(await Eventually.UntilAsync(() => IsReadyAsync(client), ready => ready, TimeSpan.FromSeconds(30)), string.Join('\n', logs));
            using var invocation = new HttpRequestMessage(HttpMethod.Post, "/events") { Content = new StringContent(harness.EventFor(at.UploadKey), Encoding.UTF8, "application/json") };
            // What the adapter sends with every event (lambda_runtime's Context as JSON).
            invocation.Headers.Add("x-amzn-lambda-context",
                """{"request_id":"8f5c1b7e-lambda-request","deadline":4102444800000,"invoked_function_arn":"arn:aws:lambda:us-east-1:123456789012:function:thumbnails","xray_trace_id":"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}""");

            using var response = await client.SendAsync(invocation);

            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var summary = JsonSerializer.Deserialize<ThumbnailSummary>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web);
            Assert.Equal(new ThumbnailSummary(1, 0, 0), summary);
            var attachment = (await harness.Store.GetAsync(at, default))!;
            Assert.Equal((AttachmentStatus.Ready, 128, 256), (attachment.Status, attachment.ThumbnailWidth, attachment.ThumbnailHeight));
            using var thumbnail = Image.NewFromBuffer((await harness.ReadObjectAsync(at.ThumbnailKey))!);
            Assert.Equal((128, 256), (thumbnail.Width, thumbnail.Height));
            Assert.Contains(logs, line => line.Contains("\"function_request_id\":\"8f5c1b7e-lambda-request\"", StringComparison.Ordinal));
        }
        finally
        {
            bootstrap.Kill();
            await bootstrap.WaitForExitAsync();
        }
    }

    private static async Task<string> BuildPackageAsync()
    {
        var folder = Directory.CreateTempSubdirectory("todoapp-thumbnail-package-").FullName;
        var make = new ProcessStartInfo("make", ["build-ThumbnailFunction", $"ARTIFACTS_DIR={folder}"])
        {
            WorkingDirectory = RepoPaths.FindRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(make)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"make build-ThumbnailFunction failed:\n{await output}\n{await errors}");
        return folder;
    }

    /// <summary>The package folder as Lambda unpacks it, the bootstrap started from it with the template's kind of settings.</summary>
    private static Process Start(string package, int port, ThumbnailHarness harness, ConcurrentQueue<string> logs)
    {
        var aws = harness.System.Aws;
        var start = new ProcessStartInfo(Path.Combine(package, "bootstrap"))
        {
            WorkingDirectory = package,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["AWS_LWA_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["AWS_LWA_PASS_THROUGH_PATH"] = "/events",
                ["AWS_REGION"] = aws.Region,
                ["TABLE__NAME"] = LocalSystem.TableName,
                ["MEDIA__BUCKETNAME"] = harness.Bucket,
                ["AWS__DYNAMODBSERVICEURL"] = aws.DynamoDbServiceUrl,
                ["AWS__S3SERVICEURL"] = aws.S3ServiceUrl,
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Collect(logs, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(logs, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Collect(ConcurrentQueue<string> logs, string? line)
    {
        if (line is not null)
        {
            logs.Enqueue(line);
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
