namespace TodoApp.Local;

/// <summary>Finds the repository root (the folder with TodoApp.sln) from wherever the host runs.</summary>
public static class RepoPaths
{
    public static string FindRoot(string? start = null)
    {
        foreach (var origin in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = origin is null ? null : new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TodoApp.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new LocalSystemException("Could not find the repository root (the folder with TodoApp.sln). Run from inside the clone.");
    }
}

/// <summary>A problem the developer can fix; its message is printed as is, without a stack trace.</summary>
public class LocalSystemException(string message, Exception? inner = null) : Exception(message, inner);
