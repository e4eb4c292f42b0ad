using System.Diagnostics;
using System.Globalization;
using ImageMagick;
using NetVips;
using TodoApp.Functions.Thumbnails;

namespace TodoApp.Benchmarks.Thumbnails;

/// <summary>
/// A 256x256 WebP thumbnail of a 12-megapixel JPEG, for a 4:2:0 and a 4:4:4 file, compared like for like
/// in one run: in process (warm, bytes to bytes), our ThumbnailMaker against ImageMagick's library
/// (Magick.NET); as new processes (start-up, file read and write included), ours against libvips'
/// vipsthumbnail and ImageMagick's convert -thumbnail. Time is the median wall time of runs taken in
/// turns; memory is each process's peak RSS as /usr/bin/time reports it.
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
        context.Report(Section, $"Measured at {ProcessCpu.LoadAverage()} on {Environment.ProcessorCount} cores; Debian's convert is Q16, Magick.NET Q8.");
        Directory.Delete(dir, recursive: true);
    }

    private static async Task CompareAsync(BenchContext context, string dir, string kind, Enums.ForeignSubsample subsampling)
    {
        var photo = Path.Combine(dir, "photo.jpg");
        var bytes = Photo(4000, 3000, subsampling);
        await File.WriteAllBytesAsync(photo, bytes);
        var input = $"4000x3000 {kind}, {bytes.Length / 1024} KiB";

        // In process, warm, bytes in and bytes out: ours against ImageMagick's own library, taking turns.
        var inProcess = Alternate(
            ("ThumbnailMaker (in process, warm)", () => ThumbnailMaker.Make(bytes, "image/jpeg")),
            ($"Magick.NET {MagickNET.ImageMagickVersion.Split(' ')[1]} Thumbnail (in process, warm)", () => MagickThumbnail(bytes, shrinkOnLoad: false)),
            ("Magick.NET, decoding at a reduced DCT scale (jpeg:size=512x512)", () => MagickThumbnail(bytes, shrinkOnLoad: true)));
        foreach (var (name, run) in inProcess)
        {
            Print(context, input, name, run.Median, run.Min, null);
        }
        Ratio(context, input, "in process: Magick.NET / ThumbnailMaker", inProcess[1].Run, inProcess[0].Run);
        Ratio(context, input, "in process: Magick.NET with jpeg:size / ThumbnailMaker", inProcess[2].Run, inProcess[0].Run);

        // New processes, file in and file out, start-up included: ours against the command-line tools, taking turns.
        var self = Environment.ProcessPath!;
        var dll = typeof(ThumbnailBenchmark).Assembly.Location;
        var commands = new List<(string Name, string File, string[] Args)>
        {
            ("ThumbnailMaker (new .NET process)", self.EndsWith("dotnet", StringComparison.Ordinal) ? self : "dotnet", [dll, "thumbnails", "--once", photo, Path.Combine(dir, "ours.webp")]),
        };
        // The peers are Debian packages; without them their rows are skipped, not failed.
        if (Find("vipsthumbnail") is { } vips)
        {
            commands.Add(($"vipsthumbnail -s 256x256 ({Version(vips, "--vips-version")})", vips, [photo, "-s", "256x256", "-o", Path.Combine(dir, "vips.webp")]));
        }
        else
        {
            Skipped(context, input, "vipsthumbnail", "libvips-tools");
        }
        // /usr/bin/convert, not a wrapper script earlier on the PATH, so only ImageMagick is timed.
        if (Find("convert", "/usr/bin/convert") is { } convert)
        {
            commands.Add(($"convert -thumbnail 256x256 ({Version(convert, "-version").Split('\n')[0].Split(' ')[2]})", convert, [photo, "-thumbnail", "256x256", Path.Combine(dir, "magick.webp")]));
        }
        else
        {
            Skipped(context, input, "convert", "imagemagick");
        }
        var peaks = commands.ToDictionary(c => c.Name, _ => 0.0);
        var processes = Alternate(commands.Select(c => (c.Name, (Action)(() => peaks[c.Name] = Math.Max(peaks[c.Name], RunProcess(c.File, c.Args))))).ToArray());
        foreach (var (name, run) in processes)
        {
            Print(context, input, name, run.Median, run.Min, peaks[name]);
        }
        var ours = processes[0].Run;
        foreach (var (name, run) in processes.Skip(1))
        {
            Ratio(context, input, $"new process: {name.Split(' ')[0]} / ThumbnailMaker", run, ours);
        }
    }

    /// <summary>
    /// What <c>convert -thumbnail</c> does, through ImageMagick's library: decode, thumbnail, encode WebP. With
    /// <paramref name="shrinkOnLoad"/>, libjpeg decodes at the smallest DCT scale that still covers 512x512, the
    /// trick ThumbnailMaker plays, which ImageMagick leaves to the caller.
    /// </summary>
    private static byte[] MagickThumbnail(byte[] jpeg, bool shrinkOnLoad)
    {
        var settings = new MagickReadSettings();
        if (shrinkOnLoad)
        {
            settings.SetDefine(MagickFormat.Jpeg, "size", "512x512");
        }
        using var image = new MagickImage(jpeg, settings);
        image.Thumbnail(256, 256);
        image.Format = MagickFormat.WebP;
        return image.ToByteArray();
    }

    private static void Ratio(BenchContext context, string input, string name, (double Median, double Min) numerator, (double Median, double Min) denominator) =>
        context.Report(Section, $"| {input} | {name} | {BenchContext.F(numerator.Median / denominator.Median)}x | | |");

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

    /// <summary>One warm-up each, then <see cref="Runs"/> rounds in which every contender runs once, so drifting load hits them alike.</summary>
    private static List<(string Name, (double Median, double Min) Run)> Alternate(params (string Name, Action Action)[] contenders)
    {
        var times = contenders.Select(_ => new double[Runs]).ToArray();
        foreach (var (_, action) in contenders)
        {
            action();
        }
        for (var i = 0; i < Runs; i++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var watch = Stopwatch.StartNew();
                contenders[c].Action();
                times[c][i] = watch.Elapsed.TotalMilliseconds;
            }
        }
        return contenders.Select((c, i) =>
        {
            Array.Sort(times[i]);
            return (c.Name, (times[i][Runs / 2], times[i][0]));
        }).ToList();
    }

    /// <summary>Runs a command under /usr/bin/time and returns its peak RSS in MB.</summary>
    private static double RunProcess(string file, string[] args)
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
        var peak = double.Parse(File.ReadAllLines(report)[^1], CultureInfo.InvariantCulture) / 1024;
        File.Delete(report);
        return peak;
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
