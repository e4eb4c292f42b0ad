using TodoApp.Local;

try
{
    await using var system = await LocalSystem.StartAsync(new LocalSystemOptions
    {
        Args = args,
        DataDirectory = Path.Combine(RepoPaths.FindRoot(), ".local-data"),
    });
    Console.WriteLine();
    Console.WriteLine($"TodoApp is running at {system.BaseAddress}  (API docs: {system.BaseAddress}docs, Ctrl+C to stop)");
    Console.WriteLine();
    await system.App.WaitForShutdownAsync();
    return 0;
}
catch (LocalSystemException e)
{
    Console.Error.WriteLine($"TodoApp.Local: {e.Message}");
    return 1;
}
