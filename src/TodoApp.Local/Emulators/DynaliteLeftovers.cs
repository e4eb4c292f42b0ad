namespace TodoApp.Local.Emulators;

/// <summary>
/// The local host once kept its table in dynalite's LevelDB files. DynamoDB Local cannot read them and
/// would quietly start empty beside them, so such a folder is moved aside (never read, never deleted)
/// and the developer is told where it went.
/// </summary>
public static class DynaliteLeftovers
{
    /// <summary>Returns the folder the old data was moved to, or null when there was none.</summary>
    public static string? SetAside(string dataFolder, TimeProvider clock, TextWriter log)
    {
        if (!Directory.Exists(dataFolder) || !IsLevelDb(dataFolder))
        {
            return null;
        }
        var aside = $"{dataFolder.TrimEnd(Path.DirectorySeparatorChar)}.dynalite-{clock.GetUtcNow():yyyyMMdd-HHmmss}";
        Directory.Move(dataFolder, aside);
        log.WriteLine($"Local data from the old emulator (dynalite) moved to {aside}; the todos start empty on DynamoDB Local.");
        return aside;
    }

    // LevelDB always writes CURRENT and a MANIFEST; DynamoDB Local writes one *.db SQLite file.
    private static bool IsLevelDb(string folder) =>
        File.Exists(Path.Combine(folder, "CURRENT")) && Directory.EnumerateFiles(folder, "MANIFEST-*").Any();
}
