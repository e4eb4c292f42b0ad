using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;
using Polly.Retry;

namespace TodoApp.Core.Data;

/// <summary>
/// A transaction that kept colliding with others on the same items. Callers answer it as "busy, retry
/// soon" (503 with Retry-After), never as a failure of the request's content.
/// </summary>
public sealed class WriteContentionException(Exception inner)
    : Exception("Other changes to the same items kept conflicting with this one; retry in a moment.", inner);

/// <summary>
/// Runs <c>TransactWriteItems</c>. A cancellation caused only by other transactions on the same items
/// (<c>TransactionConflict</c>) is retried with jittered backoff; one that persists becomes a
/// <see cref="WriteContentionException"/>. Any other cancellation is an answer, not an error: its
/// reasons (one per item, in request order) are returned for the caller to read.
/// </summary>
public static class Transactions
{
    public const string ConditionFailed = "ConditionalCheckFailed";

    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransactionCanceledException>(IsConflictOnly).Handle<TransactionInProgressException>(),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(25),
        })
        .Build();

    /// <summary>Null when the transaction committed; otherwise why each item cancelled it.</summary>
    public static async Task<IReadOnlyList<CancellationReason>?> TryWriteAsync(IAmazonDynamoDB dynamo, TransactWriteItemsRequest request, CancellationToken ct)
    {
        try
        {
            await Retry.ExecuteAsync(static async (state, token) => await state.dynamo.TransactWriteItemsAsync(state.request, token), (dynamo, request), ct);
            return null;
        }
        catch (TransactionCanceledException e) when (!IsConflictOnly(e))
        {
            return e.CancellationReasons ?? [];
        }
        catch (Exception e) when (e is TransactionCanceledException or TransactionInProgressException)
        {
            throw new WriteContentionException(e);
        }
    }

    /// <summary>True when the item at <paramref name="index"/> failed its condition.</summary>
    public static bool FailedCondition(this IReadOnlyList<CancellationReason> reasons, int index) =>
        index < reasons.Count && reasons[index].Code == ConditionFailed;

    /// <summary>The item as it was when its condition failed (asked for with ALL_OLD), or null if it did not exist.</summary>
    public static Dictionary<string, AttributeValue>? OldItem(this IReadOnlyList<CancellationReason> reasons, int index) =>
        index < reasons.Count && reasons[index].Item is { Count: > 0 } item ? item : null;

    private static bool IsConflictOnly(TransactionCanceledException e) =>
        e.CancellationReasons is { Count: > 0 } reasons &&
        reasons.Any(r => r.Code == "TransactionConflict") &&
        !reasons.Any(r => r.Code == ConditionFailed);
}
