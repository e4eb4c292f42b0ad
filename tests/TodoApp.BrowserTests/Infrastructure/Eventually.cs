namespace TodoApp.BrowserTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls <paramref name="read"/> until it returns <paramref name="expected"/> or the time is up.</summary>
    public static async Task EqualAsync<T>(T expected, Func<Task<T>> read, int timeoutMs = 10_000)
    {
        var actual = await TodoApp.Testing.Eventually.UntilAsync(
            read, value => EqualityComparer<T>.Default.Equals(value, expected), TimeSpan.FromMilliseconds(timeoutMs));
        Assert.Equal(expected, actual);
    }
}
