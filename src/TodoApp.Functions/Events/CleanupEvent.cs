using System.Text.Json.Serialization;

namespace TodoApp.Functions.Events;

/// <summary>
/// What the cleanup function receives: EventBridge Scheduler delivers the target's configured
/// <c>Input</c> as is (the template sends <c>{"dryRun": false}</c>), and the local host or an operator
/// may send <c>{"dryRun": true}</c>. Unknown members (a scheduler envelope, for instance) are ignored.
/// </summary>
public sealed record CleanupEvent(
    [property: JsonPropertyName("dryRun")] bool DryRun = false,
    [property: JsonPropertyName("id")] string? Id = null);

public sealed record CleanupSummary(
    [property: JsonPropertyName("dryRun")] bool DryRun,
    [property: JsonPropertyName("completedTodosDeleted")] int CompletedTodosDeleted,
    [property: JsonPropertyName("attachmentObjectsDeleted")] int AttachmentObjectsDeleted,
    [property: JsonPropertyName("orphanUploadsDeleted")] int OrphanUploadsDeleted,
    [property: JsonPropertyName("stalePendingAttachmentsFailed")] int StalePendingAttachmentsFailed,
    [property: JsonPropertyName("stuckOrdersResent")] int StuckOrdersResent,
    [property: JsonPropertyName("stuckOrdersFailed")] int StuckOrdersFailed,
    [property: JsonPropertyName("stoppedEarly")] bool StoppedEarly,
    [property: JsonPropertyName("elapsedMs")] long ElapsedMs);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CleanupEvent))]
[JsonSerializable(typeof(CleanupSummary))]
public sealed partial class CleanupJsonContext : JsonSerializerContext;
