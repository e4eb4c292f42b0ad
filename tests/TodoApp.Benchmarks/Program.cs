using TodoApp.Benchmarks;
using TodoApp.Benchmarks.Functions;
using TodoApp.Benchmarks.Thumbnails;

// dotnet run -c Release --project tests/TodoApp.Benchmarks            -> everything
// dotnet run -c Release --project tests/TodoApp.Benchmarks -- coldstart warm sizes functions
// dotnet run -c Release --project tests/TodoApp.Benchmarks -- load load-fault    (reliability runs, 60 s each)
if (args is ["thumbnails", "--once", var input, var output])
{
    // The thumbnail benchmark's child process: one image in a fresh process, for its peak RSS.
    return await ThumbnailBenchmark.RunOnceAsync(input, output);
}
var all = new Dictionary<string, Func<BenchContext, Task>>
{
    ["coldstart"] = ColdStart.RunAsync,
    ["warm"] = WarmPath.RunAsync,
    ["sizes"] = PackageSizes.RunAsync,
    ["orders"] = OrdersBenchmark.RunAsync,
    // Our thumbnailer beside vipsthumbnail and ImageMagick (Debian packages; skipped with a note when absent).
    ["thumbnails"] = ThumbnailBenchmark.RunAsync,
    // Each event function as deployed (Native AOT) against a JIT build of the same handler.
    ["functions"] = FunctionColdStart.RunAsync,
    ["load"] = LoadRun.RunAsync,
    ["load-fault"] = LoadRun.RunWithFaultAsync,
    // Writes src/TodoApp.Api/StartupGenerics.rd.xml (the generic types the API's start-up needs compiled ahead of time).
    ["startup-generics"] = StartupGenerics.RunAsync,
};
var chosen = args.Length == 0 ? ["coldstart", "warm", "orders", "sizes", "thumbnails", "functions"] : args;
var unknown = chosen.Except(all.Keys).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Choose from: {string.Join(", ", all.Keys)}.");
    return 2;
}

await using var context = await BenchContext.CreateAsync();
foreach (var name in chosen)
{
    await all[name](context);
}
context.PrintReport();
foreach (var failure in context.Failures)
{
    Console.Error.WriteLine("FAILED " + failure);
}
return context.Failures.Count == 0 ? 0 : 1;
