using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TodoApp.Core.Observability;

/// <summary>
/// Sends every finished span of a trace X-Ray sampled to the X-Ray daemon, as a subsegment document
/// of its own, over UDP. Lambda with <c>Tracing: Active</c> runs the daemon and sets its address in
/// <c>AWS_XRAY_DAEMON_ADDRESS</c>; where that is unset, nothing listens and nothing is sent.
/// A send is one synchronous datagram as the span stops, so there is nothing to flush when an
/// invocation ends, and nothing that can block or throw on the request path: a span that is lost
/// becomes a metric (<c>XRaySpansDropped</c>, <c>XRaySpansFailed</c>), so missing traces show on a graph.
/// </summary>
public sealed class XRayExporter : IDisposable
{
    /// <summary>The configuration key (on Lambda the environment variable) with the daemon's <c>host:port</c>.</summary>
    public const string DaemonAddressKey = "AWS_XRAY_DAEMON_ADDRESS";

    // The daemon drops a datagram above 64 KB; anything bigger is not worth fragmenting.
    private const int MaxDatagramBytes = 64 * 1024;
    private static readonly byte[] Header = "{\"format\": \"json\", \"version\": 1}\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly IPEndPoint _daemon;
    private readonly ActivityListener _listener;
    private readonly Metrics _metrics;
    private long _failed;
    private long _dropped;

    private XRayExporter(IPEndPoint daemon, Metrics metrics)
    {
        _metrics = metrics;
        _daemon = daemon;
        _socket = new Socket(daemon.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _listener = new ActivityListener
        {
            ShouldListenTo = Tracing.IsOurs,
            // X-Ray decided for the whole trace at its entry (Sampled=1 became the parent's Recorded flag):
            // a span with no X-Ray parent, or one of an unsampled trace, is not even created for us.
            Sample = static (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = Export,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Datagrams that could not be sent (or built); the span is lost, the request is not.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Spans whose document was over the daemon's 64 KB limit.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>An exporter listening from now on, or null when no daemon address is configured.</summary>
    public static XRayExporter? Start(string? daemonAddress, Metrics metrics) =>
        daemonAddress is { Length: > 0 } ? new XRayExporter(ParseAddress(daemonAddress), metrics) : null;

    private void Export(Activity activity)
    {
        // Other listeners (the local console, tests) may have created spans X-Ray did not sample.
        if (!IsSampledByXRay(activity))
        {
            return;
        }
        try
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            buffer.Write(Header);
            XRaySubsegment.Write(buffer, activity);
            if (buffer.WrittenCount > MaxDatagramBytes)
            {
                Interlocked.Increment(ref _dropped);
                _metrics.Count("XRaySpansDropped");
                return;
            }
            _socket.SendTo(buffer.WrittenSpan, SocketFlags.None, _daemon);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
            _metrics.Count("XRaySpansFailed");
        }
    }

    /// <summary>True when the span's local root has a remote (X-Ray) parent whose sampled flag is set.</summary>
    private static bool IsSampledByXRay(Activity activity)
    {
        var root = activity;
        while (root.Parent is { } parent)
        {
            root = parent;
        }
        // A W3C parent id ends in its flags (00-{trace}-{span}-01 when sampled); bit 0 is "sampled".
        return root.ParentId is { Length: 55 } parentId
            && byte.TryParse(parentId.AsSpan(53), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var flags) && (flags & 1) == 1;
    }

    private static IPEndPoint ParseAddress(string address)
    {
        if (IPEndPoint.TryParse(address, out var endpoint))
        {
            return endpoint;
        }
        // host:port with a name (not what Lambda sets): resolved once, here, not per span.
        var colon = address.LastIndexOf(':');
        if (colon > 0 && int.TryParse(address.AsSpan(colon + 1), out var port))
        {
            return new IPEndPoint(Dns.GetHostAddresses(address[..colon])[0], port);
        }
        throw new FormatException($"{DaemonAddressKey} must be host:port, not '{address}'.");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _socket.Dispose();
    }
}
