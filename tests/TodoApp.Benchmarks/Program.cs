using TodoApp.Benchmarks.Thumbnails;

// One benchmark per first argument; each lives in its own folder.
return args.FirstOrDefault() switch
{
    "thumbnails" => await ThumbnailBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/TodoApp.Benchmarks -- thumbnails");
    return 2;
}
