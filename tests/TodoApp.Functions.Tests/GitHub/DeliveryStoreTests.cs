using Microsoft.Extensions.Time.Testing;
using TodoApp.Functions.GitHub;
using TodoApp.Local;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.GitHub;

public class DeliveryStoreTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private async Task<DeliveryStore> StoreAsync() =>
        new(Core.Aws.AwsClients.DynamoDb((await SharedSystem.GetAsync()).Aws), LocalSystem.TableName, _clock, TimeSpan.FromDays(3));

    [Fact]
    public async Task ADeliveryCanBeClaimedOnceUntilReleased()
    {
        var store = await StoreAsync();
        var id = Webhooks.NewDeliveryId();

        Assert.True(await store.TryClaimAsync(id, "star", default));
        Assert.False(await store.TryClaimAsync(id, "star", default));
        await store.ReleaseAsync(id, default);
        Assert.True(await store.TryClaimAsync(id, "star", default));
    }

    [Fact]
    public async Task AnExpiredClaimThatTtlHasNotDeletedYetCountsAsFree()
    {
        var store = await StoreAsync();
        var id = Webhooks.NewDeliveryId();
        Assert.True(await store.TryClaimAsync(id, "star", default));

        _clock.Advance(TimeSpan.FromDays(2));
        Assert.False(await store.TryClaimAsync(id, "star", default));
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.True(await store.TryClaimAsync(id, "star", default));
    }
}
