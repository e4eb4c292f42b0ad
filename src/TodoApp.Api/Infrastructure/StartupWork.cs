namespace TodoApp.Api.Infrastructure;

/// <summary>
/// Cold-start work begun while Kestrel starts: fire and forget, so start-up never waits on it, and a
/// failure only means the first request pays the cost after all.
/// </summary>
internal static class StartupWork
{
    public static void Begin(Func<Task> work, Action<Exception> failed) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed(e);
            }
        }, CancellationToken.None);
}
