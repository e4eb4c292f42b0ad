namespace TodoApp.Testing;

/// <summary>Waits for a condition, never for a fixed time: polls until it holds or the deadline passes.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The first value of <paramref name="read"/> that satisfies <paramref name="done"/>, or the last one read at the deadline (for the caller to assert on).</summary>
    public static Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(read()), done, timeout);

    /// <summary>The same, for a value that takes a call to read (a request to a process that is starting, say).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(20);
        }
    }
}
