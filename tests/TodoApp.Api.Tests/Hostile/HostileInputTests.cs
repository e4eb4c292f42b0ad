using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using TodoApp.Testing;
using Xunit.Abstractions;

namespace TodoApp.Api.Tests.Hostile;

public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;

    [Fact]
    public async Task TenThousandHostileRequestsGetNo5xxAndWriteNothingTheyWereNotAcknowledgedFor()
    {
        var system = await SharedSystem.GetAsync();
        var user = SharedSystem.NewUserId();
        using var client = system.ClientFor(user);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var acknowledgedCreates = 0;
        var acknowledgedDeletes = 0;

        await HostileRequests.Any.SampleAsync(async request =>
        {
            using var message = ToMessage(request);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message);
            }
            catch (HttpRequestException) when (IsOversized(request))
            {
                // Kestrel answers 413/431 and closes the connection as soon as it sees the size,
                // possibly while the client is still writing: a rejection at the transport level.
                statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                return;
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"transport error {e.InnerException?.Message} for {request}", e);
            }
            using var _ = response;
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
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
            if (status == 201 && request.Path.StartsWith("/api/todos", StringComparison.Ordinal) && !request.Path.Contains("/attachments", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref acknowledgedCreates);
            }
            if (status == 204 && request.Method == "DELETE")
            {
                Interlocked.Increment(ref acknowledgedDeletes);
            }
        }, iter: Cases, threads: 4, seed: Environment.GetEnvironmentVariable("HOSTILE_SEED"));

        output.WriteLine("status counts: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")));
        Assert.Equal(Cases, statuses.Values.Sum());
        // The state check: the user's partition holds exactly the todos the API acknowledged
        // (todos made by an accepted order have ids derived from the order id, "{orderId}-NN").
        Assert.Equal(acknowledgedCreates - acknowledgedDeletes, (await AllTodoIdsAsync(client)).Count(id => !id.Contains('-', StringComparison.Ordinal)));
    }

    private static async Task<List<string>> AllTodoIdsAsync(HttpClient client)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync("/api/todos?limit=100" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            ids.AddRange(page["items"]!.AsArray().Select(t => (string)t!["id"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return ids;
    }

    private static bool IsOversized(HostileRequest request) =>
        request.Headers.Sum(h => h.Name.Length + h.Value.Length) + request.Path.Length > 30 * 1024 ||
        request.Body?.Length > 64 * 1024;

    private static HttpRequestMessage ToMessage(HostileRequest request)
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
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Kestrel closes a connection after rejecting an oversized request; a fresh connection per
        // case keeps that legitimate close from surfacing as a transport error on the next case.
        message.Headers.ConnectionClose = true;
        return message;
    }
}
