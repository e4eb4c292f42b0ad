using System.Text;
using CsCheck;

namespace TodoApp.Api.Tests.Hostile;

public sealed record HostileRequest(string Method, string Path, string? ContentType, byte[]? Body, (string Name, string Value)[] Headers)
{
    public override string ToString() =>
        $"{Method} {Path} [{ContentType}] headers={string.Join(",", Headers.Select(h => $"{h.Name}:{Truncate(h.Value)}"))} body={Truncate(Body is null ? "null" : Encoding.UTF8.GetString(Body))}";

    private static string Truncate(string s) => s.Length > 120 ? s[..120] + $"...({s.Length})" : s;
}

/// <summary>Ids that exist in the hostile user's partition before the run, so some cases reach real items.</summary>
public sealed record KnownIds(string[] TodoIds, string[] AttachmentIds);

/// <summary>Generators of malformed and hostile requests for every endpoint of the API.</summary>
public static class HostileRequests
{
    private static readonly string[] Endpoints =
    [
        "/api/todos", "/api/todos/{id}", "/api/todos/counts",
        "/api/orders", "/api/orders/{id}",
        "/api/todos/{id}/attachments", "/api/todos/{id}/attachments/{id}",
        "/healthz", "/openapi/v1.json", "/api",
    ];

    private static readonly Gen<string> Ids = Gen.OneOf(
        Gen.Const("0123456789abcdef0123456789abcdef"),
        Gen.OneOf("..%2F..%2Fetc%2Fpasswd", "%00", "%FF%FE", "UPPER", "a%20b", "%E2%80%AE", "con", "-", "%2e%2e"),
        Gen.String[Gen.Char['a', 'z'], 1, 40],
        Gen.String[Gen.Char.AlphaNumeric, 65, 300],
        Gen.String[Gen.Char, 1, 30].Select(Uri.EscapeDataString));

    private static readonly Gen<string> Queries = Gen.OneOf(
        Gen.Const(""),
        Gen.OneOf("?status=done", "?limit=-1", "?limit=99999999999999999999", "?limit=1e3", "?cursor=%00%01", "?cursor=" + new string('A', 5000),
            "?status=active&status=completed", "?limit=", "?cursor=eyJ9", "?status=%00"),
        Gen.String[Gen.Char, 0, 50].Select(s => "?cursor=" + Uri.EscapeDataString(s)));

    internal static readonly Gen<string> JsonValues = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "0", "-1", "1e309", "9999999999999999999999", "\"\"", "[]", "{}", "\"\\u0000\"",
            "\"\\ud800\"", "\"2030-02-30\"", "\"../../etc/passwd\"", "[null]", "[1,\"a\",{}]", "\"<script>alert(1)</script>\""),
        Gen.String[Gen.Char, 0, 300].Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        Gen.Int[1, 2000].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1, 100_000].Select(n => "\"" + new string('x', n) + "\""));

    private static readonly Gen<string> FieldNames = Gen.OneOf(
        Gen.OneOf("title", "notes", "completed", "dueDate", "labels", "items", "description", "quantity",
            "fileName", "contentType", "size", "__proto__", "constructor", "$type", "TITLE", ""),
        Gen.String[Gen.Char, 0, 20]);

    /// <summary>All three fields an attachment needs, each sometimes valid: reaches the file-name, type and size rules.</summary>
    private static readonly Gen<string> AttachmentBodies = Gen.Select(
        Gen.OneOf(JsonValues, Gen.OneOf("\"photo.jpg\"", "\"../../etc/passwd\"", "\"..\\\\..\\\\boot.ini\"", "\"a\\u0000b.png\"", "\"/abs/path.png\"",
            "\"CON.png\"", "\"\\u202Egnp.exe\"", "\" .png\"", "\"x.png\\r\\nX-Injected: 1\"")),
        Gen.OneOf(JsonValues, Gen.OneOf("\"image/png\"", "\"image/jpeg\"", "\"image/svg+xml\"", "\"text/html\"", "\"image/png\\r\\nx: y\"", "\"IMAGE/PNG\"")),
        Gen.OneOf(JsonValues, Gen.OneOf("1000", "0", "-1", "10485761", "1e20", "1.5", "\"1000\"")),
        (name, type, size) => $"{{\"fileName\":{name},\"contentType\":{type},\"size\":{size}}}");

    /// <summary>Orders with hostile titles, lines and quantities; some are valid and get processed into todos.</summary>
    private static readonly Gen<string> OrderBodies = Gen.Select(
        Gen.OneOf(JsonValues, Gen.OneOf("\"Groceries\"", "\"\"", "\"<img src=x onerror=alert(1)>\"")),
        Gen.OneOf(
            JsonValues,
            Gen.OneOf("[]", "[null]", "[{}]", "[{\"description\":\"Milk\",\"quantity\":2}]", "[{\"description\":\"Milk\",\"quantity\":-2}]",
                "[{\"description\":\"Milk\",\"quantity\":\"2\"}]", "[{\"description\":\"\\u0000\",\"quantity\":1}]"),
            Gen.Int[1, 60].Select(n => "[" + string.Join(",", Enumerable.Repeat("{\"description\":\"Line\",\"quantity\":1}", n)) + "]")),
        (title, items) => $"{{\"title\":{title},\"items\":{items}}}");

    private static readonly Gen<byte[]> Bodies = Gen.OneOf(
        AttachmentBodies.Select(Encoding.UTF8.GetBytes),
        OrderBodies.Select(Encoding.UTF8.GetBytes),
        Gen.Select(FieldNames, JsonValues, FieldNames, JsonValues, (k1, v1, k2, v2) =>
            $"{{{System.Text.Json.JsonSerializer.Serialize(k1)}:{v1},{System.Text.Json.JsonSerializer.Serialize(k2)}:{v2}}}").Select(Encoding.UTF8.GetBytes),
        JsonValues.Select(Encoding.UTF8.GetBytes),
        Gen.Byte.Array[0, 400],
        Gen.OneOf("{", "{\"title\":", "{\"title\":\"a\",}", "{'title':'a'}", "{\"title\":\"a\"}garbage", "\uFEFF{\"title\":\"a\"}")
            .Select(Encoding.UTF8.GetBytes),
        Gen.Const(new byte[] { 0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D }), // invalid UTF-8 inside a string
        Gen.Int[60_000, 200_000].Select(n => Encoding.UTF8.GetBytes($"{{\"title\":\"{new string('a', n)}\"}}")));

    internal static readonly Gen<(string, string)[]> Headers = Gen.OneOf(
        Gen.Const(Array.Empty<(string, string)>()),
        Gen.OneOf("\"1\"", "*", "W/\"x\"", "\"-5\"", "\"99999999999999999999999\"", "garbage").Select(v => new[] { ("If-Match", v) }),
        Gen.OneOf("x", "key with spaces", new string('k', 300)).Select(v => new[] { ("Idempotency-Key", v) }),
        Gen.Int[1, 40_000].Select(n => new[] { ("x-correlation-id", new string('c', n)) }),
        Gen.Int[20_000, 70_000].Select(n => new[] { ("x-padding", new string('p', n)) }),
        // Tokens that are not tokens: each must be a 401 problem, never a 500 or a way in.
        Gen.OneOf("Bearer garbage", "Bearer", "Basic YWxpY2U6cGFzc3dvcmQ=", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.",
            "Bearer " + new string('a', 8000)).Select(v => new[] { ("x-todo-authorization", v) }));

    /// <summary>The real routes with their methods, so most cases reach validation, not routing.</summary>
    private static readonly (string Method, string Path)[] Routes =
    [
        ("GET", "/api/todos"), ("POST", "/api/todos"), ("GET", "/api/todos/{id}"), ("PATCH", "/api/todos/{id}"),
        ("DELETE", "/api/todos/{id}"), ("GET", "/api/todos/counts"), ("POST", "/api/orders"), ("GET", "/api/orders"),
        ("GET", "/api/orders/{id}"), ("POST", "/api/todos/{id}/attachments"), ("DELETE", "/api/todos/{id}/attachments/{id}"),
    ];

    private static readonly Gen<(string Method, string Path)> Targets = Gen.Frequency(
        (3, Gen.OneOf(Routes)),
        (1, Gen.Select(Gen.OneOf("GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND"), Gen.OneOf(Endpoints), (m, e) => (m, e))));

    /// <summary>Every endpoint, with ids that are sometimes the user's real todos and attachments.</summary>
    public static Gen<HostileRequest> Api(KnownIds known)
    {
        var ids = Gen.Frequency(
            (3, Gen.Const("0123456789abcdef0123456789abcdef")), (2, Ids), (2, Gen.OneOf(known.TodoIds)), (1, Gen.OneOf(known.AttachmentIds)));
        return Gen.Select(
            Targets,
            ids,
            ids,
            Queries,
            Gen.OneOf<string?>(null, "application/json", "application/json", "application/json", "application/json; charset=utf-16", "text/plain", "application/merge-patch+json",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx", "*/*"),
            Gen.Frequency((1, Gen.Const((byte[]?)null)), (6, Bodies.Select(b => (byte[]?)b))),
            Headers,
            (target, id, childId, query, contentType, body, headers) =>
                new HostileRequest(target.Method, Fill(target.Path, id, childId) + query, contentType, body, headers));
    }

    /// <summary>The API's endpoints and the GitHub webhook (production code behind its own function URL): about one case in five.</summary>
    public static Gen<HostileRequest> Any(KnownIds known) => Gen.Frequency((4, Api(known)), (1, HostileWebhooks.Any));

    /// <summary>The first <c>{id}</c> is the todo, a second one the attachment.</summary>
    private static string Fill(string template, string id, string childId)
    {
        var first = template.IndexOf("{id}", StringComparison.Ordinal);
        if (first < 0)
        {
            return template;
        }
        var filled = template[..first] + id + template[(first + 4)..];
        return filled.Replace("{id}", childId, StringComparison.Ordinal);
    }
}
