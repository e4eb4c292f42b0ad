using Microsoft.Extensions.Time.Testing;
using TodoApp.Core.Attachments;
using TodoApp.Core.Data;
using TodoApp.Functions.Cleanup;
using TodoApp.Testing;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Functions.Tests.Cleanup;

public sealed class AttachmentCleanupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset CreatedAt = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private CleanupHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CleanupHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ACompletedTodoPastRetentionIsDeletedWithItsAttachmentsObjects()
    {
        var user = SharedSystem.NewUserId();
        var done = await _harness.CreateTodoAsync(user, CreatedAt, completed: true);
        var first = await _harness.AttachAsync(user, done.Id, CreatedAt, ready: true);
        var second = await _harness.AttachAsync(user, done.Id, CreatedAt, ready: true);
        var open = await _harness.CreateTodoAsync(user, CreatedAt, completed: false);
        var kept = await _harness.AttachAsync(user, open.Id, CreatedAt, ready: true);

        var summary = await _harness.Function(new FakeTimeProvider(CreatedAt.AddDays(31))).RunAsync(dryRun: false, default);

        Assert.Equal(1, summary.CompletedTodosDeleted);
        Assert.Equal(2, summary.AttachmentObjectsDeleted);
        foreach (var gone in new[] { first, second })
        {
            Assert.False(await _harness.Bucket.ExistsAsync(gone.UploadKey));
            Assert.False(await _harness.Bucket.ExistsAsync(gone.ThumbnailKey));
            Assert.Null(await _harness.GetAttachmentAsync(gone));
        }
        Assert.True(await _harness.Bucket.ExistsAsync(kept.UploadKey));
        Assert.True(await _harness.Bucket.ExistsAsync(kept.ThumbnailKey));
        Assert.NotNull(await _harness.GetAttachmentAsync(kept));
    }

    [Theory]
    [InlineData(23, true, false)]
    [InlineData(25, true, true)]
    [InlineData(25, false, true)]
    public async Task AnAttachmentPendingForMoreThanADayIsFailedWithAReasonAndItsUploadDeleted(int hoursPending, bool uploaded, bool failed)
    {
        var user = SharedSystem.NewUserId();
        var todo = await _harness.CreateTodoAsync(user, CreatedAt, completed: false);
        var at = await _harness.AttachAsync(user, todo.Id, CreatedAt, uploaded);

        var summary = await _harness.Function(new FakeTimeProvider(CreatedAt.AddHours(hoursPending))).RunAsync(dryRun: false, default);

        var attachment = await _harness.GetAttachmentAsync(at);
        Assert.NotNull(attachment);
        Assert.Equal(failed ? 1 : 0, summary.StalePendingAttachmentsFailed);
        Assert.Equal(failed ? AttachmentStatus.Failed : AttachmentStatus.Pending, attachment.Status);
        Assert.Equal(failed ? StalePendingAttachmentCleanup.FailureReason : null, attachment.FailureReason);
        Assert.Equal(uploaded && !failed, await _harness.Bucket.ExistsAsync(at.UploadKey));
        Assert.Equal(0, summary.OrphanUploadsDeleted);
    }

    [Fact]
    public async Task TheUploadOfAFailedAttachmentIsDeletedAndTheAttachmentKept()
    {
        var user = SharedSystem.NewUserId();
        var todo = await _harness.CreateTodoAsync(user, CreatedAt, completed: false);
        var at = await _harness.AttachAsync(user, todo.Id, CreatedAt);
        Assert.True(await _harness.Attachments(TimeProvider.System).MarkFailedAsync(at, "Not an image.", default));

        var summary = await _harness.Function(new FakeTimeProvider(CreatedAt.AddHours(2))).RunAsync(dryRun: false, default);

        Assert.False(await _harness.Bucket.ExistsAsync(at.UploadKey));
        Assert.Equal("Not an image.", (await _harness.GetAttachmentAsync(at))?.FailureReason);
        Assert.Equal(0, summary.OrphanUploadsDeleted + summary.StalePendingAttachmentsFailed);
    }

    [Fact]
    public async Task AnAttachmentWhoseTodoIsGoneIsDeletedWithItsObjects()
    {
        var user = SharedSystem.NewUserId();
        var todo = await _harness.CreateTodoAsync(user, CreatedAt, completed: false);
        var at = await _harness.AttachAsync(user, todo.Id, CreatedAt, ready: true);
        // What an interrupted cleanup leaves: the todo deleted, its attachment not yet.
        await _harness.Client.DeleteItemAsync(LocalSystemTable, new() { [Keys.PK] = S(Keys.User(user)), [Keys.SK] = S(Keys.Todo(todo.Id)) });

        var summary = await _harness.Function(new FakeTimeProvider(CreatedAt.AddHours(2))).RunAsync(dryRun: false, default);

        Assert.Equal(1, summary.OrphanUploadsDeleted);
        Assert.False(await _harness.Bucket.ExistsAsync(at.UploadKey));
        Assert.False(await _harness.Bucket.ExistsAsync(at.ThumbnailKey));
        Assert.Null(await _harness.GetAttachmentAsync(at));
    }

    private const string LocalSystemTable = TodoApp.Local.LocalSystem.TableName;
}
