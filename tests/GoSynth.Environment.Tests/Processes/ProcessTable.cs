namespace GoSynth.Environment.Tests.Processes;

/// <summary>Reads /proc to tell whether a process still lives.</summary>
internal static class ProcessTable
{
    /// <summary>True when <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        var state = State(pid);
        return state is not null && state != 'Z' && state != 'X';
    }

    /// <summary>
    /// Waits until <paramref name="pid"/> is gone. A zombie counts as gone only when it is not our child (an orphan
    /// the machine's init has yet to reap); a zombie of ours would mean the runner failed to reap.
    /// </summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var state = State(pid);
            if (state is null || ((state == 'Z' || state == 'X') && ParentOf(pid) != System.Environment.ProcessId))
            {
                return true;
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }

    public static string Describe(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    private static char? State(int pid)
    {
        var stat = Stat(pid);
        return stat?[stat.LastIndexOf(')') + 2];
    }

    private static int? ParentOf(int pid)
    {
        var stat = Stat(pid);
        return stat is null ? null : int.Parse(stat[(stat.LastIndexOf(')') + 4)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
