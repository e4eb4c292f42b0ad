namespace TodoApp.Testing;

/// <summary>Waits for a condition, never for a fixed time: polls until it holds or the deadline passes.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The first value of <paramref name="read"/> that satisfies <paramref name="done"/>, or the last one read at the deadline (for the caller to assert on).</summary>
    public static Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(read()), done, timeout);

    /// <inheritdoc cref="UntilAsync{T}(Func{T}, Func{T, bool}, TimeSpan?)"/>
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
