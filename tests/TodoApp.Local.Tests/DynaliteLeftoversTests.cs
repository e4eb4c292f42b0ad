using TodoApp.Local.Emulators;

namespace TodoApp.Local.Tests;

public sealed class DynaliteLeftoversTests
{
    private static readonly TimeProvider Noon = new FixedClock(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ADynaliteFolderIsMovedAsideWithOneLineAndKeptWhole()
    {
        var root = Directory.CreateTempSubdirectory("todoapp-leftovers-").FullName;
        try
        {
            var folder = Path.Combine(root, "dynamodb");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "CURRENT"), "MANIFEST-000004\n");
            File.WriteAllText(Path.Combine(folder, "MANIFEST-000004"), "leveldb");
            File.WriteAllText(Path.Combine(folder, "000005.ldb"), "todos");
            var log = new StringWriter();

            var aside = DynaliteLeftovers.SetAside(folder, Noon, log);

            Assert.Equal(Path.Combine(root, "dynamodb.dynalite-20261202-120000"), aside);
            Assert.False(Directory.Exists(folder));
            Assert.Equal("todos", File.ReadAllText(Path.Combine(aside!, "000005.ldb")));
            var line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(aside!, line);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ADynamoDbLocalFolderIsLeftWhereItIs()
    {
        var folder = Directory.CreateTempSubdirectory("todoapp-leftovers-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "shared-local-instance.db"), "sqlite");
            var log = new StringWriter();

            Assert.Null(DynaliteLeftovers.SetAside(folder, Noon, log));
            Assert.True(File.Exists(Path.Combine(folder, "shared-local-instance.db")));
            Assert.Empty(log.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
