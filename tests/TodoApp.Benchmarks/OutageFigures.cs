namespace TodoApp.Benchmarks;

/// <summary>What the load run needs to know of one answer: enough to judge it during an outage.</summary>
public readonly record struct Answer(int Status, string? ContentType, bool RetryAfter)
{
    public static Answer Of(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter is not null);

    public bool IsProblem503 => Status == 503 && ContentType == "application/problem+json" && RetryAfter;
}

/// <summary>
/// The answers to requests that overlapped the DynamoDB outage (from the kill until the emulator
/// was back), and the checks on them: every non-2xx one is a 503 problem-details answer with
/// Retry-After, and no 503 comes later than a short grace after the restart (the API recovered).
/// </summary>
public sealed class OutageFigures
{
    private readonly List<(TimeSpan Start, TimeSpan End, Answer Answer)> _during;
    private readonly List<(TimeSpan Start, TimeSpan End, Answer Answer)> _after;
    private readonly TimeSpan? _backAt;

    private OutageFigures(List<(TimeSpan, TimeSpan, Answer)> during, List<(TimeSpan, TimeSpan, Answer)> after, TimeSpan? backAt) =>
        (_during, _after, _backAt) = (during, after, backAt);

    public static OutageFigures Of(IEnumerable<(TimeSpan Start, TimeSpan End, Answer Answer)> answers, TimeSpan? killedAt, TimeSpan? backAt)
    {
        if (killedAt is not { } from || backAt is not { } to)
        {
            return new([], [], null);
        }
        var all = answers.ToList();
        return new(all.Where(a => a.End >= from && a.Start <= to).ToList(), all.Where(a => a.Start > to).ToList(), to);
    }

    public int Requests => _during.Count;
    public int Problem503s => _during.Count(a => a.Answer.IsProblem503);
    public double MaxLatencyMs => _during.Count == 0 ? 0 : _during.Max(a => (a.End - a.Start).TotalMilliseconds);

    public string Summary => _backAt is null
        ? "no outage happened"
        : $"{Requests} requests, {Problem503s} × 503 problem+json with Retry-After, max {MaxLatencyMs:F0} ms";

    public IEnumerable<string> Violations(TimeSpan recoveryGrace)
    {
        if (_backAt is null)
        {
            yield return "the fault was never injected";
            yield break;
        }
        if (Problem503s == 0)
        {
            yield return "no request was answered 503 during the outage: the fault had no visible effect";
        }
        foreach (var (start, _, answer) in _during.Where(a => a.Answer.Status is < 200 or >= 300 && !a.Answer.IsProblem503).Take(20))
        {
            yield return $"during the outage, at {start.TotalSeconds:F1} s: {answer.Status} {answer.ContentType} (Retry-After: {answer.RetryAfter}), not a 503 problem with Retry-After";
        }
        foreach (var (start, _, answer) in _after.Where(a => a.Answer.Status == 503 && a.Start > _backAt.Value + recoveryGrace).Take(20))
        {
            yield return $"still 503 at {start.TotalSeconds:F1} s, {(start - _backAt.Value).TotalSeconds:F1} s after the restart: the API did not recover";
        }
    }
}
