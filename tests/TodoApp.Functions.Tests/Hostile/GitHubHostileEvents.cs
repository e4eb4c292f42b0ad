using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using TodoApp.Functions.GitHub;
using TodoApp.Functions.Tests.GitHub;
using static TodoApp.Functions.Tests.Hostile.HostileJson;

namespace TodoApp.Functions.Tests.Hostile;

/// <summary>Function URL events for the GitHub function: malformed envelopes, and real payloads with one hostile member under a valid signature.</summary>
internal static class GitHubHostileEvents
{
    private static readonly (string Event, string File)[] Samples =
    [
        ("issues", "issues-opened"), ("issues", "issues-closed"), ("pull_request", "pull_request-closed-merged"), ("pull_request", "pull_request-opened"),
        ("push", "push-default-branch"), ("star", "star-created"), ("release", "release-published"), ("ping", "ping"), ("fork", "fork"),
    ];

    public sealed record Invocation(string DeliveryId, byte[] Input)
    {
        public override string ToString()
        {
            var text = Encoding.UTF8.GetString(Input);
            return text.Length > 400 ? text[..400] + $"...({text.Length})" : text;
        }
    }

    /// <summary>
    /// A real payload with one node (any depth) replaced by a hostile JSON value. The value goes in as
    /// text, so it may be anything the generator makes (lone surrogates, 100-deep arrays).
    /// </summary>
    private static readonly Gen<(string Event, string Body)> MutatedPayloads = Gen.Select(Gen.OneOf(Samples), Gen.Int[0, int.MaxValue], Values, Gen.Bool,
        (sample, index, value, intoArray) =>
    {
        const string Placeholder = "__hostile_value__";
        var root = JsonNode.Parse(Webhooks.Payload(sample.File))!;
        var nodes = root.AsObject().SelectMany(p => Descendants(p.Value)).ToList();
        // Top-level lists (commits) half the time, any list (labels, assignees, added files) otherwise.
        var arrays = (index % 2 == 0 ? root.AsObject().Select(p => p.Value).OfType<JsonArray>() : nodes.OfType<JsonArray>()).ToList();
        var target = nodes[index % nodes.Count]!;
        if (intoArray && arrays.Count > 0)
        {
            // An extra element of a type the list does not hold; null half the time.
            var list = arrays[index / 2 % arrays.Count];
            list.Insert(index / 8 % (list.Count + 1), Placeholder);
            value = index / 2 % 4 < 2 ? "null" : value;
        }
        else if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = Placeholder;
        }
        else if (target.Parent is JsonArray list)
        {
            list[target.GetElementIndex()] = Placeholder;
        }
        return (sample.Event, root.ToJsonString().Replace($"\"{Placeholder}\"", value, StringComparison.Ordinal));
    });

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node) =>
        new[] { node }.Concat(node switch
        {
            JsonObject o => o.SelectMany(p => Descendants(p.Value)),
            JsonArray a => a.SelectMany(Descendants),
            _ => [],
        }).Where(n => n is not null);

    private static readonly Gen<(string Event, string Body)> Bodies = Gen.Frequency(
        (6, MutatedPayloads),
        (1, Gen.Select(Gen.OneOf(Samples), Values, (sample, value) => (sample.Event, value))),
        (1, Gen.Select(Gen.OneOf(Samples), NotAnEvent, (sample, bytes) => (sample.Event, Encoding.UTF8.GetString(bytes)))),
        (1, Gen.Int[1_048_577, 2_000_000].Select(n => ("issues", new string('x', n)))));

    private enum Signing
    {
        Valid,
        None,
        Wrong,
    }

    public static readonly Gen<Invocation> Invocations = Gen.Select(
        Bodies,
        Gen.Frequency((8, Gen.Const(Signing.Valid)), (1, Gen.Const(Signing.None)), (1, Gen.Const(Signing.Wrong))),
        Gen.Frequency((8, Gen.Const("plain")), (1, Gen.Const("base64")), (1, Gen.Const("bad-base64"))),
        Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOf("no-event", "no-delivery", "no-headers", "null-header", "text-type", "number-header", "huge-header"))),
        Gen.Frequency((12, Gen.Const("")), (1, Gen.OneOf("no-context", "null-http", "GET", "number-method", "wrong-version-type", "not-an-object"))),
        Gen.Guid,
        (body, signing, encoding, headerCase, contextCase, guid) =>
        {
            var deliveryId = guid.ToString();
            var bytes = Encoding.UTF8.GetBytes(body.Body);
            var headers = new JsonObject
            {
                ["content-type"] = headerCase == "text-type" ? "text/plain" : "application/json",
                ["x-github-event"] = body.Event,
                ["x-github-delivery"] = deliveryId,
            };
            if (signing != Signing.None)
            {
                headers["x-hub-signature-256"] = WebhookSignature.Sign(signing == Signing.Valid ? Webhooks.Secret : "not-the-secret", bytes);
            }
            switch (headerCase)
            {
                case "no-event": headers.Remove("x-github-event"); break;
                case "no-delivery": headers.Remove("x-github-delivery"); break;
                case "null-header": headers["x-hub-signature-256"] = null; break;
                case "number-header": headers["x-github-event"] = 5; break;
                case "huge-header": headers["x-github-event"] = new string('e', 100_000); break;
            }
            var http = new JsonObject { ["method"] = "POST", ["path"] = "/", ["sourceIp"] = "140.82.115.10" };
            var context = new JsonObject { ["requestId"] = deliveryId, ["http"] = http, ["timeEpoch"] = 0 };
            var request = new JsonObject
            {
                ["version"] = contextCase == "wrong-version-type" ? 2 : "2.0",
                ["rawPath"] = "/",
                ["headers"] = headerCase == "no-headers" ? null : headers,
                ["requestContext"] = contextCase switch { "no-context" => null, "not-an-object" => "context", _ => context },
                ["body"] = encoding switch { "base64" => Convert.ToBase64String(bytes), "bad-base64" => "!!" + body.Body, _ => body.Body },
                ["isBase64Encoded"] = encoding != "plain",
            };
            switch (contextCase)
            {
                case "null-http": context["http"] = null; break;
                case "GET": http["method"] = "GET"; break;
                case "number-method": http["method"] = 1; break;
            }
            return new Invocation(deliveryId, Encoding.UTF8.GetBytes(request.ToJsonString()));
        });
}
