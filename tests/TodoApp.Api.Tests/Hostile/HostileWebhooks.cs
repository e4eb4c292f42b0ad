using System.Text;
using CsCheck;
using TodoApp.Functions.GitHub;
using TodoApp.Local.GitHub;

namespace TodoApp.Api.Tests.Hostile;

/// <summary>
/// Hostile deliveries to the GitHub webhook on the local host (<c>POST /webhooks/github</c>, the
/// function URL's stand-in): forged, missing and malformed signatures, missing or odd GitHub headers,
/// wrong methods and content types, huge bodies, and invalid or wrongly shaped JSON with a valid
/// signature, which is what reaches the payload parsing.
/// </summary>
public static class HostileWebhooks
{
    public const string DeliveryHeader = "X-GitHub-Delivery";

    private static readonly Gen<string> Events = Gen.Frequency(
        (6, Gen.OneOf("issues", "pull_request", "push", "star", "release")),
        (2, Gen.OneOf("ping", "fork", "workflow_run", "ISSUES")),
        (1, Gen.OneOf("", "../issues", "issues;drop", "a b", new string('e', 101), "issues\tx")));

    private static readonly Gen<string> Actions = Gen.OneOf(
        Gen.OneOf("\"opened\"", "\"closed\"", "\"reopened\"", "\"created\"", "\"published\"", "\"deleted\"", "\"labeled\""),
        Gen.OneOf("null", "1", "[]", "{}", "\"\"", "\"OPENED\"", "\"opened\\u0000\""));

    /// <summary>Values for the members the payload models read: right types, wrong types, out-of-range and invalid ones.</summary>
    private static readonly Gen<string> Scalars = Gen.OneOf(
        HostileRequests.JsonValues,
        Gen.OneOf("\"https://github.com/o/r\"", "\"javascript:alert(1)\"", "\"<!channel>\"", "\"2030-13-45T99:00:00Z\"", "\"2024-01-01T00:00:00Z\"",
            "1e400", "-0", "9223372036854775808", "\"open\"", "\"bogus-state\"", "\"OWNER\"", "\"NOT_AN_ASSOCIATION\"", "true"));

    private static readonly string[] NestedMembers =
    [
        "number", "title", "html_url", "url", "state", "created_at", "updated_at", "merged", "merged_at", "user", "login", "id", "labels",
        "full_name", "default_branch", "stargazers_count", "tag_name", "name", "prerelease", "author_association", "body", "message", "author",
    ];

    private static readonly Gen<string> Objects = Gen.Select(Gen.OneOf(NestedMembers), Scalars, Gen.OneOf(NestedMembers), Scalars,
        (k1, v1, k2, v2) => $"{{\"{k1}\":{v1},\"{k2}\":{v2}}}");

    private static readonly Gen<string> Members = Gen.OneOf(Scalars, Objects, Objects.Select(o => $"[{o},{o}]"));

    private static readonly string[] TopMembers =
        ["issue", "pull_request", "repository", "sender", "release", "commits", "ref", "pusher", "deleted", "forced", "number", "compare", "head_commit"];

    /// <summary>A JSON object shaped like a payload, with hostile member values.</summary>
    private static readonly Gen<string> PayloadLike = Gen.Select(Actions, Gen.OneOf(TopMembers), Members, Gen.OneOf(TopMembers), Members,
        (action, k1, v1, k2, v2) => $"{{\"action\":{action},\"{k1}\":{v1},\"{k2}\":{v2}}}");

    private static readonly Gen<byte[]> Bodies = Gen.Frequency(
        (6, PayloadLike.Select(Encoding.UTF8.GetBytes)),
        (2, HostileRequests.JsonValues.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.OneOf("", "{", "{\"action\":", "{\"action\":\"opened\",}", "{'action':'opened'}", "{\"action\":\"opened\"}garbage", "\uFEFF{\"zen\":\"x\"}",
            "{\"action\":\"opened\",\"action\":\"closed\"}").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Int[65, 200].Select(depth => Encoding.UTF8.GetBytes("{\"action\":\"opened\",\"issue\":" + new string('[', depth) + new string(']', depth) + "}"))),
        (1, Gen.Byte.Array[0, 300]),
        (1, Gen.Const(new byte[] { 0x7B, 0x22, 0x7A, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })), // invalid UTF-8 inside a string
        // Past the handler's 1 MiB limit: refused before any parsing, signed or not.
        (1, Gen.Int[1_048_577, 1_200_000].Select(n => Encoding.UTF8.GetBytes($"{{\"zen\":\"{new string('z', n)}\"}}"))));

    private enum Signing
    {
        Valid,
        ValidUpperCase,
        None,
        OtherBody,
        OtherSecret,
        Garbage,
    }

    private static readonly Gen<Signing> Signings = Gen.Frequency(
        (6, Gen.Const(Signing.Valid)), (1, Gen.Const(Signing.ValidUpperCase)), (1, Gen.Const(Signing.None)), (1, Gen.Const(Signing.OtherBody)),
        (1, Gen.Const(Signing.OtherSecret)), (1, Gen.Const(Signing.Garbage)));

    private static readonly Gen<string> GarbageSignatures = Gen.OneOf(
        Gen.OneOf("", "sha256=", "sha1=" + new string('a', 40), "sha256=" + new string('z', 64), "sha256=" + new string('0', 63), "sha256=" + new string('0', 66),
            "SHA256=" + new string('0', 64), " sha256=" + new string('0', 64), "sha256=" + new string('0', 64) + ",sha256=" + new string('1', 64)),
        Gen.Int[100, 20_000].Select(n => "sha256=" + new string('f', n)));

    private static readonly Gen<string?> DeliveryIds = Gen.Frequency(
        (8, Gen.Guid.Select(g => (string?)g.ToString())),
        (1, Gen.OneOf<string?>("fixed-hostile-delivery", "../../etc/passwd", "a b", "", new string('d', 101), "%00")),
        (1, Gen.Const<string?>("omit")));

    private static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (6, Gen.Const<string?>("application/json")),
        (2, Gen.OneOf<string?>(null, "application/json; charset=utf-8", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream",
            "multipart/form-data; boundary=x", "APPLICATION/JSON", "application/jsonx", "text/json")));

    private static readonly Gen<string> Methods = Gen.Frequency(
        (9, Gen.Const("POST")), (1, Gen.OneOf("GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")));

    private static readonly Gen<(string, string)[]> ExtraHeaders = Gen.Frequency(
        (8, Gen.Const(Array.Empty<(string, string)>())), (1, HostileRequests.Headers));

    public static readonly Gen<HostileRequest> Any = Gen.Select(
        Gen.Select(Methods, Events, Bodies, (method, gitHubEvent, body) => (method, gitHubEvent, body)),
        Gen.Select(Signings, GarbageSignatures, (signing, garbage) => (signing, garbage)),
        DeliveryIds,
        ContentTypes,
        Gen.Bool,
        ExtraHeaders,
        (request, signature, deliveryId, contentType, omitEvent, extra) =>
        {
            var headers = new List<(string, string)> { ("User-Agent", "GitHub-Hookshot/hostile") };
            if (!omitEvent || request.gitHubEvent.Length == 0)
            {
                headers.Add(("X-GitHub-Event", request.gitHubEvent));
            }
            if (deliveryId != "omit")
            {
                headers.Add((DeliveryHeader, deliveryId!));
            }
            if (Sign(signature.signing, signature.garbage, request.body) is { } value)
            {
                headers.Add(("X-Hub-Signature-256", value));
            }
            headers.AddRange(extra);
            return new HostileRequest(request.method, LocalGitHub.WebhookPath, contentType, request.body, [.. headers]);
        });

    private static string? Sign(Signing signing, string garbage, byte[] body) => signing switch
    {
        Signing.Valid => WebhookSignature.Sign(LocalGitHub.DefaultSecret, body),
        Signing.ValidUpperCase => "sha256=" + WebhookSignature.Sign(LocalGitHub.DefaultSecret, body)["sha256=".Length..].ToUpperInvariant(),
        Signing.None => null,
        Signing.OtherBody => WebhookSignature.Sign(LocalGitHub.DefaultSecret, [.. body, (byte)' ']),
        Signing.OtherSecret => WebhookSignature.Sign("not-the-secret", body),
        _ => garbage,
    };
}
