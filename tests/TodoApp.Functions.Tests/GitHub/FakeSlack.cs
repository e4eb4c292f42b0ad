using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace TodoApp.Functions.Tests.GitHub;

/// <summary>
/// Slack's incoming webhook, scripted: each request takes the next scripted answer (the last one
/// repeats). Slack is the true edge of this function, so it is the one thing faked.
/// </summary>
public sealed class FakeSlack(TimeProvider clock, params Func<HttpResponseMessage>[] script) : HttpMessageHandler
{
    public static readonly Uri WebhookUrl = new("https://hooks.slack.test/services/T000/B000/XXXX");

    private readonly ConcurrentQueue<(DateTimeOffset At, JsonElement Body)> _received = new();
    private int _calls;

    public FakeSlack(params Func<HttpResponseMessage>[] script) : this(TimeProvider.System, script)
    {
    }

    /// <summary>Set to make every request hang until it is cancelled (a Slack that never answers).</summary>
    public bool Hang { get; init; }

    public IReadOnlyList<JsonElement> Messages => _received.Select(r => r.Body).ToArray();
    public IReadOnlyList<DateTimeOffset> RequestTimes => _received.Select(r => r.At).ToArray();
    public int Calls => _calls;

    public HttpClient Client() => new(this) { Timeout = Timeout.InfiniteTimeSpan };

    public static HttpResponseMessage Ok() => new(HttpStatusCode.OK) { Content = new StringContent("ok") };

    public static HttpResponseMessage Status(int status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("error") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
        }
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal(WebhookUrl, request.RequestUri);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        _received.Enqueue((clock.GetUtcNow(), body));
        var call = Interlocked.Increment(ref _calls);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        return script.Length == 0 ? Ok() : script[Math.Min(call, script.Length) - 1]();
    }
}
