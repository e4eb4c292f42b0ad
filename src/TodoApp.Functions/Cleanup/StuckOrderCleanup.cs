using TodoApp.Core.Orders;

namespace TodoApp.Functions.Cleanup;

/// <summary>
/// Recovers orders whose message never arrived (the API could not send it, or it was lost): still
/// PENDING after an hour they are re-sent once; still PENDING after a day they are marked FAILED with
/// a reason. Processing is idempotent, so a re-send racing a late original does no harm.
/// </summary>
public sealed class StuckOrderCleanup(OrderStore orders, OrderSender? sender)
{
    public static readonly TimeSpan ResendAfter = TimeSpan.FromHours(1);
    public static readonly TimeSpan FailAfter = TimeSpan.FromHours(24);
    private const int BatchPerShard = 100;
    private const string FailureReason = "The order could not be processed within 24 hours. Please place it again.";

    public async Task RunAsync(CleanupRun run, DateTimeOffset now, CancellationToken ct)
    {
        // Failing first takes those orders out of the pending index, so the re-send pass sees only the rest.
        while (!run.OutOfTime())
        {
            var expired = await orders.ListPendingAsync(now - FailAfter, BatchPerShard, ct);
            if (expired.Count == 0)
            {
                break;
            }
            foreach (var order in expired)
            {
                if (run.OutOfTime())
                {
                    return;
                }
                if (run.DryRun || await orders.FinishAsync(order.UserId, order.OrderId, OrderStatus.Failed, FailureReason, [], ct))
                {
                    run.StuckOrdersFailed++;
                }
            }
            if (run.DryRun)
            {
                break;
            }
        }

        if (sender is null)
        {
            return;
        }
        foreach (var order in await orders.ListPendingAsync(now - ResendAfter, BatchPerShard, ct))
        {
            if (run.OutOfTime())
            {
                return;
            }
            if (order.CreatedAt < now - FailAfter)
            {
                continue; // counted in the dry run's failure pass
            }
            if (run.DryRun)
            {
                run.StuckOrdersResent++;
                continue;
            }
            if (!await orders.ClaimResendAsync(order.UserId, order.OrderId, ct))
            {
                continue;
            }
            // The placing request's id, so the re-sent order's lines join the original action.
            if (await sender.SendAsync(new OrderMessage(order.OrderId, order.UserId, order.CorrelationId ?? $"cleanup-{order.OrderId}"), ct))
            {
                run.StuckOrdersResent++;
                continue;
            }
            // The queue is down after the retries: the claim goes, so the next run sends it; the rest waits for that run too.
            await orders.ReleaseResendAsync(order.UserId, order.OrderId, ct);
            return;
        }
    }
}
