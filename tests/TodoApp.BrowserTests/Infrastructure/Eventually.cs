namespace TodoApp.BrowserTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls <paramref name="read"/> until it returns <paramref name="expected"/> or the time is up.</summary>
    public static async Task EqualAsync<T>(T expected, Func<Task<T>> read, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        T actual;
        while (!EqualityComparer<T>.Default.Equals(actual = await read(), expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(expected, actual);
    }
}
