using System.Diagnostics;
using System.Globalization;
using NetVips;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Benchmarks.Thumbnails;

/// <summary>
/// A 256x256 WebP thumbnail of a 12-megapixel JPEG, three ways in one run: our ThumbnailMaker,
/// libvips' vipsthumbnail and ImageMagick's convert -thumbnail, for a 4:2:0 and a 4:4:4 file. Time is the median wall time of
/// several runs; memory is each process's peak RSS as /usr/bin/time reports it.
/// </summary>
internal static class ThumbnailBenchmark
{
    private const int Runs = 15;

    private const string Section = "Thumbnails (12 MP JPEG -> 256x256 WebP)";

    /// <summary>The child-process mode: one thumbnail in a fresh process, so its peak RSS compares with the command-line tools'.</summary>
    public static async Task<int> RunOnceAsync(string input, string output)
    {
        await File.WriteAllBytesAsync(output, ThumbnailMaker.Make(await File.ReadAllBytesAsync(input), "image/jpeg").Webp!);
        return 0;
    }

    public static async Task RunAsync(BenchContext context)
    {
        var dir = Directory.CreateTempSubdirectory("thumbnail-bench-").FullName;
        Console.WriteLine($"{Environment.ProcessorCount} CPUs, libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)} (NetVips.Native), {Runs} runs each");
        context.Report(Section, $"| Input | Thumbnailer (median of {Runs}) | median ms | min ms | peak RSS MB |");
        context.Report(Section, "| --- | --- | --- | --- | --- |");
        // Phones write 4:2:0 (chroma at half resolution both ways); libvips' and many editors' default at
        // quality 90 and above is 4:4:4, twice the entropy-coded data for the same pixels. Both are measured.
        await CompareAsync(context, dir, "phone-like, 4:2:0", Enums.ForeignSubsample.On);
        await CompareAsync(context, dir, "no chroma subsampling, 4:4:4", Enums.ForeignSubsample.Off);
        Directory.Delete(dir, recursive: true);
    }

    private static async Task CompareAsync(BenchContext context, string dir, string kind, Enums.ForeignSubsample subsampling)
    {
        var photo = Path.Combine(dir, "photo.jpg");
        var bytes = Photo(4000, 3000, subsampling);
        await File.WriteAllBytesAsync(photo, bytes);
        var input = $"4000x3000 {kind}, {bytes.Length / 1024} KiB";

        ThumbnailMaker.Make(bytes, "image/jpeg");
        var ours = Measure(() => ThumbnailMaker.Make(bytes, "image/jpeg"));
        var self = Environment.ProcessPath!;
        var dll = typeof(ThumbnailBenchmark).Assembly.Location;
        var oursProcess = Process(self.EndsWith("dotnet", StringComparison.Ordinal) ? self : "dotnet", [dll, "thumbnails", "--once", photo, Path.Combine(dir, "ours.webp")]);
        Print(context, input, "ThumbnailMaker (in process, warm)", ours.Median, ours.Min, null);
        Print(context, input, "ThumbnailMaker (new .NET process)", oursProcess.Median, oursProcess.Min, oursProcess.PeakMb);
        // The peers are Debian packages; without them the comparison rows are skipped, not failed.
        if (Find("vipsthumbnail") is { } vips)
        {
            var run = Process(vips, [photo, "-s", "256x256", "-o", Path.Combine(dir, "vips.webp")]);
            Print(context, input, $"vipsthumbnail -s 256x256 ({Version(vips, "--vips-version")})", run.Median, run.Min, run.PeakMb);
        }
        else
        {
            Skipped(context, input, "vipsthumbnail", "libvips-tools");
        }
        // /usr/bin/convert, not a wrapper script earlier on the PATH, so only ImageMagick is timed.
        if (Find("convert", "/usr/bin/convert") is { } convert)
        {
            var run = Process(convert, [photo, "-thumbnail", "256x256", Path.Combine(dir, "magick.webp")]);
            Print(context, input, "convert -thumbnail 256x256", run.Median, run.Min, run.PeakMb);
            context.Report(Section, $"| {input} | ThumbnailMaker vs ImageMagick (in process) | {BenchContext.F(run.Median / ours.Median)}x faster | | |");
        }
        else
        {
            Skipped(context, input, "convert", "imagemagick");
        }
    }

    private static void Skipped(BenchContext context, string input, string tool, string package) =>
        context.Report(Section, $"| {input} | {tool}: skipped, not installed (apt-get install {package}) | | | |");

    /// <summary>A photo-like JPEG: smooth gradients with sensor-like noise at quality 90.</summary>
    private static byte[] Photo(int width, int height, Enums.ForeignSubsample subsampling)
    {
        using var xy = Image.Xyz(width, height);
        using var gradient = (xy[0] * (255.0 / width) + xy[1] * (128.0 / height));
        using var noise = Image.Gaussnoise(width, height, mean: 0, sigma: 12);
        using var channel = (gradient + noise);
        using var rgb = channel.Bandjoin(channel * 0.8 + 30, 255 - channel).Cast(Enums.BandFormat.Uchar);
        return rgb.JpegsaveBuffer(q: 90, subsampleMode: subsampling);
    }

    private static (double Median, double Min) Measure(Action action)
    {
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[Runs / 2], times[0]);
    }

    private static (double Median, double Min, double? PeakMb) Process(string file, string[] args)
    {
        var peaks = new List<double>();
        var (median, min) = Measure(() =>
        {
            var report = Path.GetTempFileName();
            var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in (string[])["-f", "%M", "-o", report, file, .. args])
            {
                start.ArgumentList.Add(arg);
            }
            using var process = System.Diagnostics.Process.Start(start)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} failed: {process.StandardError.ReadToEnd()}");
            }
            peaks.Add(double.Parse(File.ReadAllLines(report)[^1], CultureInfo.InvariantCulture) / 1024);
            File.Delete(report);
        });
        return (median, min, peaks.Max());
    }

    private static string? Find(string name, string? preferred = null) =>
        preferred is not null && File.Exists(preferred) ? preferred
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string Version(string file, string flag)
    {
        using var process = System.Diagnostics.Process.Start(new ProcessStartInfo(file, flag) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }

    private static void Print(BenchContext context, string input, string name, double median, double min, double? peakMb) =>
        context.Report(Section, $"| {input} | {name} | {BenchContext.F(median)} | {BenchContext.F(min)} | {(peakMb is { } p ? p.ToString("F0", CultureInfo.InvariantCulture) : "-")} |");
}
