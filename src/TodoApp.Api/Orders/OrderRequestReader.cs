using System.Security.Cryptography;
using System.Text.Json;
using TodoApp.Api.Infrastructure;
using TodoApp.Core.Orders;
using TodoApp.Core.Todos;

namespace TodoApp.Api.Orders;

/// <summary>Turns a bound <see cref="CreateOrderRequest"/> into a <see cref="NewOrder"/>, collecting every error a user can fix.</summary>
internal static class OrderRequestReader
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int IdempotencyKeyMax = 255;

    public static NewOrder? Read(CreateOrderRequest body, Dictionary<string, string[]> errors)
    {
        errors.AddIfInvalid("title", TodoRules.CheckTitle(body.Title));
        errors.AddIfInvalid("notes", OrderRules.CheckNotes(body.Notes));
        var items = body.Items ?? [];
        errors.AddIfInvalid("items", OrderRules.CheckItemCount(items.Length));
        for (var i = 0; i < items.Length && i < OrderRules.ItemsMax; i++)
        {
            if (items[i] is not { } line)
            {
                errors[$"items[{i}]"] = ["Each item must be an object with a description and a quantity."];
                continue;
            }
            errors.AddIfInvalid($"items[{i}].description", OrderRules.CheckDescription(line.Description));
            errors.AddIfInvalid($"items[{i}].quantity", OrderRules.CheckQuantity(line.Quantity));
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new NewOrder(body.Title!, items.Select(l => new OrderLine(l!.Description!, l.Quantity!.Value)).ToArray(), body.DueDate, body.Notes);
    }

    /// <summary>Keys are opaque to us, but bounded and printable so they are safe in a sort key and in logs.</summary>
    public static string? CheckIdempotencyKey(string key) =>
        key.Length is < 1 or > IdempotencyKeyMax || key.Any(c => c is <= ' ' or >= '\u007f')
            ? $"{IdempotencyHeader} must be 1-{IdempotencyKeyMax} printable ASCII characters without spaces."
            : null;

    /// <summary>The fingerprint stored with an idempotency key: the request as we understood it, re-serialized,
    /// so whitespace or property order in the client's JSON do not count as a different request.</summary>
    public static string Hash(CreateOrderRequest body) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, OrdersJsonContext.Default.CreateOrderRequest)));

}
