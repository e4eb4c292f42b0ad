using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TodoApp.Testing;

/// <summary>
/// The X-Ray daemon's side of the wire: a real UDP socket on a free loopback port that keeps every
/// datagram it receives. Exporters are process-wide listeners and tests run in parallel, so a test
/// reads only the documents of its own trace.
/// </summary>
public sealed class FakeXRayDaemon : IDisposable
{
    public const string Header = "{\"format\": \"json\", \"version\": 1}\n";

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentQueue<string> _datagrams = new();
    private readonly CancellationTokenSource _stop = new();

    public FakeXRayDaemon() => _ = ReceiveAsync();

    /// <summary>What AWS_XRAY_DAEMON_ADDRESS would say.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_udp.Client.LocalEndPoint!).Port}";

    public IReadOnlyCollection<string> Datagrams => _datagrams;

    /// <summary>A fresh trace as Lambda's header names it: (header, X-Ray trace id, the function segment's id).</summary>
    public static (string Header, string TraceId, string Parent) NewTrace(bool sampled = true)
    {
        var hex = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var traceId = $"1-{hex[..8]}-{hex[8..32]}";
        var parent = hex[32..48];
        return ($"Root={traceId};Parent={parent};Sampled={(sampled ? 1 : 0)}", traceId, parent);
    }

    /// <summary>The documents of one trace received so far (each datagram's JSON after its header line).</summary>
    public List<JsonElement> Documents(string traceId) =>
        [.. _datagrams.Where(d => d.StartsWith(Header, StringComparison.Ordinal))
            .Select(d => JsonDocument.Parse(d[Header.Length..]).RootElement)
            .Where(d => d.TryGetProperty("trace_id", out var t) && t.GetString() == traceId)];

    /// <summary>Waits (up to 10 s) until the trace has a document that matches, and returns all of the trace's.</summary>
    public async Task<List<JsonElement>> WaitForAsync(string traceId, Func<JsonElement, bool> until)
    {
        var documents = await Eventually.UntilAsync(() => Documents(traceId), found => found.Exists(d => until(d)));
        return documents.Exists(d => until(d))
            ? documents
            : throw new TimeoutException($"No matching document of trace {traceId} in:\n{string.Join("\n", documents)}");
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var result = await _udp.ReceiveAsync(_stop.Token);
                _datagrams.Enqueue(Encoding.UTF8.GetString(result.Buffer));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed: the test is over.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }
}
