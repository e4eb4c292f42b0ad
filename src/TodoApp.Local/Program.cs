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
    Console.WriteLine($"Sign in as alice, bob or carol (password: {TodoApp.Local.Accounts.LocalIdentity.DevelopmentPassword}); a token for curl: " +
        $"curl -X POST {system.BaseAddress}_local/token -H 'content-type: application/json' -d '{{\"user\":\"alice\"}}'");
    Console.WriteLine();
    await system.App.WaitForShutdownAsync();
    return 0;
}
catch (LocalSystemException e)
{
    Console.Error.WriteLine($"TodoApp.Local: {e.Message}");
    return 1;
}
