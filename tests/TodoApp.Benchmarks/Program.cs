using TodoApp.Benchmarks;

// dotnet run -c Release --project tests/TodoApp.Benchmarks            -> everything
// dotnet run -c Release --project tests/TodoApp.Benchmarks -- coldstart warm sizes
var all = new Dictionary<string, Func<BenchContext, Task>>
{
    ["coldstart"] = ColdStart.RunAsync,
    ["warm"] = WarmPath.RunAsync,
    ["sizes"] = PackageSizes.RunAsync,
};
var chosen = args.Length == 0 ? all.Keys.ToArray() : args;
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
return 0;
