using System.Globalization;

namespace TodoApp.Benchmarks;

/// <summary>
/// CPU time a process has used (user + system, from /proc), and the machine's load average. CPU
/// time per request is far less sensitive to other work on a shared machine than wall-clock rates.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU milliseconds of one process so far.</summary>
    public static double Milliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000 / TicksPerSecond;
    }

    /// <summary>
    /// On-CPU milliseconds of a process's live threads, to the nanosecond (<c>/proc/PID/task/*/schedstat</c>),
    /// where <see cref="Milliseconds"/> counts 10 ms ticks: for a start-up of a few hundred ms. Threads
    /// that have exited are not counted (none do while a server starts).
    /// </summary>
    public static double StartupMilliseconds(int pid)
    {
        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                nanoseconds += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // exited while we looked
            }
        }
        return nanoseconds / 1e6;
    }

    /// <summary>
    /// User + system CPU milliseconds of a process and all its descendants: DynamoDB Local's work is
    /// done by a JVM two levels below the Node.js process that started it.
    /// </summary>
    public static double TreeMilliseconds(int pid)
    {
        var total = 0.0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var next))
        {
            try
            {
                total += Milliseconds(next);
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }
            foreach (var child in ChildrenOf(next))
            {
                pending.Push(child);
            }
        }
        return total;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            int? parentOfPid = null;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parentOfPid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            if (parentOfPid == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The child of this process whose command line contains <paramref name="marker"/> (an emulator), if any.</summary>
    public static int? Child(string marker)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Contains(marker, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // exited while we looked
            }
        }
        return null;
    }

    /// <summary>The 1-, 5- and 15-minute load averages, as <c>uptime</c> prints them.</summary>
    public static string LoadAverage() =>
        "load " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
