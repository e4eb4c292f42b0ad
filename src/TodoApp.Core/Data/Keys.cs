namespace TodoApp.Core.Data;

/// <summary>
/// The single-table key layout. Every user-owned item lives under <c>USER#{userId}</c>, so ownership
/// is part of the key and never a separate check.
/// </summary>
public static class Keys
{
    public const string PK = "PK";
    public const string SK = "SK";
    public const string Gsi1PK = "GSI1PK";
    public const string Gsi1SK = "GSI1SK";
    public const string Gsi1 = "GSI1";
    public const string ExpiresAt = "expiresAt";

    public const string TodoPrefix = "TODO#";

    public const string UserPrefix = "USER#";

    public static string User(string userId) => UserPrefix + userId;

    /// <summary>The user id back out of a partition key this layout wrote.</summary>
    public static string UserIdOf(string partitionKey) =>
        partitionKey.StartsWith(UserPrefix, StringComparison.Ordinal)
            ? partitionKey[UserPrefix.Length..]
            : throw new InvalidDataException($"'{partitionKey}' is not a user's partition key.");

    public static string Todo(string todoId) => TodoPrefix + todoId;

    /// <summary>
    /// Completed todos are indexed (sparsely) in a few shards so the cleanup job can find old ones
    /// with a range query instead of a scan, without one hot partition for every user.
    /// </summary>
    public const int CompletedShards = 4;

    public static string CompletedShard(string userId) => CompletedShard((int)((uint)StableHash(userId) % CompletedShards));

    public static string CompletedShard(int shard) => $"COMPLETED#{shard}";

    /// <summary>The cleanup job's own items (its bucket-walk cursor, its claims on objects): not user data, so outside <c>USER#</c>.</summary>
    public const string CleanupPartition = "CLEANUP";

    public const string CleanupCursorSortKey = "UPLOADS#CURSOR";

    /// <summary>One partition per uploaded object the cleanup claims; the sort key is the object version's LastModified.</summary>
    public static string UploadClaim(string objectKey) => $"{CleanupPartition}#UPLOAD#{objectKey}";

    private static int StableHash(string value)
    {
        // string.GetHashCode is randomised per process; the shard must be stable across processes.
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in value)
            {
                hash = (hash ^ c) * 16777619;
            }
            return hash;
        }
    }
}
