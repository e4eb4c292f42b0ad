using TodoApp.Benchmarks;

return args.FirstOrDefault() switch
{
    "orders" => await OrdersBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/TodoApp.Benchmarks -- orders [orders=1000] [concurrency=4]");
    return 2;
}
