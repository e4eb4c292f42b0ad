namespace TodoApp.Core.Observability;

/// <summary>
/// Answers "is this the first invocation?" exactly once with true. The API holds one per application
/// (so a test host gets its own); event functions share <see cref="Process"/>, one per execution environment.
/// </summary>
public sealed class ColdStart
{
    public static readonly ColdStart Process = new();

    private int _invocations;

    public bool Next() => Interlocked.Increment(ref _invocations) == 1;
}
