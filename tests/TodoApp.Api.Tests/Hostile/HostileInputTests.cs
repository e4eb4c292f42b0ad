using System.Collections.Concurrent;
using System.Net.Http.Headers;
using CsCheck;
using TodoApp.Testing;
using Xunit.Abstractions;

namespace TodoApp.Api.Tests.Hostile;

public sealed class HostileInputTests(ITestOutputHelper output)
{
    /// <summary>About 10,400 for the API's endpoints and 2,600 for the GitHub webhook.</summary>
    private const int Cases = 13_000;

    [Fact]
    public async Task HostileRequestsGetNo5xxLogNoUnhandledExceptionAndWriteNothingTheyWereNotAcknowledgedFor()
    {
        var system = await SharedSystem.GetAsync();
        var user = SharedSystem.NewUserId();
        using var client = system.ClientFor(user);
        var known = await SeedAsync(client);
        var ledger = new HostileLedger(known);
        var statuses = new ConcurrentDictionary<int, int>();
        var webhookStatuses = new ConcurrentDictionary<int, int>();
        // Every case carries a W3C trace id with this run's prefix, so its log lines are ours even
        // where no correlation id is in scope (the exception handler runs outside that scope).
        var run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];
        var correlationIds = new ConcurrentDictionary<string, byte>();
        var slackBefore = await HostileLedger.SlackMessagesAsync(client);
        var sequence = 0L;
        using var logs = await SharedSystem.CaptureLogsAsync();

        await HostileRequests.Any(known).SampleAsync(async request =>
        {
            var traceId = run + Interlocked.Increment(ref sequence).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            using var message = ToMessage(request, traceId);
            var counts = request.Path.StartsWith("/webhooks/", StringComparison.Ordinal) ? webhookStatuses : statuses;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message);
            }
            catch (HttpRequestException) when (IsOversized(request))
            {
                // Kestrel answers 413/431 and closes the connection as soon as it sees the size,
                // possibly while the client is still writing: a rejection at the transport level.
                counts.AddOrUpdate(0, 1, (_, n) => n + 1);
                return;
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"transport error {e.InnerException?.Message} for {request}", e);
            }
            using var _ = response;
            var status = (int)response.StatusCode;
            counts.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (response.Headers.TryGetValues("x-correlation-id", out var correlation))
            {
                correlationIds[correlation.First()] = 0;
            }
            if (status >= 500)
            {
                throw new InvalidOperationException($"{status} for {request}: {await response.Content.ReadAsStringAsync()}");
            }
            if (status >= 400 && response.Content.Headers.ContentLength != 0 && request.Method != "HEAD")
            {
                var type = response.Content.Headers.ContentType?.MediaType;
                if (type != "application/problem+json")
                {
                    throw new InvalidOperationException($"{status} with {type} for {request}");
                }
            }
            ledger.Record(request, status, HostileLedger.NeedsBody(request, status) ? await response.Content.ReadAsStringAsync() : null);
        }, iter: Cases, threads: 4, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));
        logs.Dispose();

        output.WriteLine("API status counts: " + Format(statuses));
        output.WriteLine("webhook status counts: " + Format(webhookStatuses));
        Assert.Equal(Cases, statuses.Values.Sum() + webhookStatuses.Values.Sum());
        Assert.InRange(webhookStatuses.Values.Sum(), Cases / 10, Cases / 3);

        var unhandled = UnhandledExceptions(logs, run, correlationIds);
        output.WriteLine($"log lines captured: {logs.Lines().Count}, unhandled exceptions among ours: {unhandled.Count}");
        Assert.True(unhandled.Count == 0, "Error/Critical lines with an exception:\n" + string.Join("\n", unhandled.Take(5)));

        var problems = await ledger.CheckAsync(system, client);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        var slackAfter = await HostileLedger.SlackMessagesAsync(client);
        if (slackBefore + ledger.Posted <= 200) // the local sink keeps the last 200 messages
        {
            Assert.Equal(slackBefore + ledger.Posted, slackAfter);
        }
    }

    /// <summary>
    /// Lines at Error or Critical with an exception that belong to this run: its trace ids, its
    /// correlation ids (which the order processor carries on from the request), or no request at all.
    /// </summary>
    private static List<string> UnhandledExceptions(CapturedLogs logs, string run, ConcurrentDictionary<string, byte> correlationIds) =>
        logs.Lines()
            .Where(e => e.GetProperty("level").GetString() is "Error" or "Critical" && e.TryGetProperty("exception", out _))
            .Where(e =>
            {
                var trace = e.TryGetProperty("trace_id", out var t) ? t.GetString() : null;
                var correlation = e.TryGetProperty("correlation_id", out var c) ? c.GetString() : null;
                return trace?.StartsWith(run, StringComparison.Ordinal) == true
                    || (correlation is not null && correlationIds.ContainsKey(correlation))
                    || (trace is null && correlation is null);
            })
            .Select(e => e.GetRawText())
            .ToList();

    /// <summary>Real todos with an attachment each, so some hostile cases hit items that exist.</summary>
    private static async Task<KnownIds> SeedAsync(HttpClient client)
    {
        var todos = new List<string>();
        var attachments = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var todo = await client.CreateTodoAsync($"Seeded {i}");
            var id = (string)todo["id"]!;
            var created = await client.PostJsonAsync($"/api/todos/{id}/attachments", """{"fileName":"photo.jpg","contentType":"image/jpeg","size":1000}""");
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            todos.Add(id);
            attachments.Add((string)(await created.JsonAsync())["attachment"]!["id"]!);
        }
        return new KnownIds([.. todos], [.. attachments]);
    }

    private static string Format(ConcurrentDictionary<int, int> counts) => string.Join(", ", counts.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));

    private static bool IsOversized(HostileRequest request) =>
        request.Headers.Sum(h => h.Name.Length + h.Value.Length) + request.Path.Length > 30 * 1024 ||
        request.Body?.Length > 64 * 1024;

    private static HttpRequestMessage ToMessage(HostileRequest request, string traceId)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        message.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{traceId[16..]}-01");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Kestrel closes a connection after rejecting an oversized request; a fresh connection per
        // case keeps that legitimate close from surfacing as a transport error on the next case.
        message.Headers.ConnectionClose = true;
        return message;
    }
}
