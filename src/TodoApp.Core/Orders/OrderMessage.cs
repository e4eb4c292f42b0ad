using System.Text.Json;
using System.Text.Json.Serialization;
using TodoApp.Core.Data;

namespace TodoApp.Core.Orders;

/// <summary>
/// The message the API sends to the orders queue and the processor reads. It is deliberately small:
/// the order itself is in the table, so the message can never disagree with it.
/// </summary>
public sealed record OrderMessage(string OrderId, string UserId, string? CorrelationId)
{
    /// <summary>The SQS message attribute that carries the correlation id (visible without parsing the body).</summary>
    public const string CorrelationAttribute = "correlationId";

    public string ToJson() => JsonSerializer.Serialize(this, OrderMessageJson.Default.OrderMessage);

    /// <summary>Null for anything that is not a well-formed message: such a body is a poison message.</summary>
    public static OrderMessage? TryParse(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }
        try
        {
            var message = JsonSerializer.Deserialize(body, OrderMessageJson.Default.OrderMessage);
            return message is not null && Ids.IsWellFormed(message.OrderId) && Ids.IsWellFormed(message.UserId) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OrderMessage))]
internal sealed partial class OrderMessageJson : JsonSerializerContext;
