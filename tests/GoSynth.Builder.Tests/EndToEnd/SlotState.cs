namespace GoSynth.Builder.Tests.EndToEnd;

/// <summary>What of a build base's slots is left on the host: mounts, and processes that are in or hold a slot.</summary>
internal static class SlotState
{
    /// <summary>Mount points at or under <paramref name="buildBase"/> in this process's mount table.</summary>
    public static string[] MountsUnder(string buildBase) =>
        [.. File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m == buildBase || m.StartsWith(buildBase + "/", StringComparison.Ordinal))];

    /// <summary>
    /// Processes of the slots under <paramref name="buildBase"/>: a root, working directory or open file there (this
    /// process included), or another mount namespace whose root is a slot's root tmpfs.
    /// </summary>
    public static string[] ProcessesOf(string buildBase)
    {
        var found = new List<string>();
        var slotSource = "gosynth-slot:" + buildBase + "/";
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            var pid = Path.GetFileName(proc);
            try
            {
                foreach (var link in new[] { "root", "cwd" })
                {
                    if (Inside(new FileInfo(Path.Combine(proc, link)).LinkTarget, buildBase))
                    {
                        found.Add($"{pid} {link} {Command(proc)}");
                    }
                }

                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(proc, "fd")))
                {
                    if (Inside(new FileInfo(fd).LinkTarget, buildBase))
                    {
                        found.Add($"{pid} fd {Path.GetFileName(fd)} {new FileInfo(fd).LinkTarget} {Command(proc)}");
                    }
                }

                if (File.ReadLines(Path.Combine(proc, "mountinfo")).Any(l => l.Split(" - ", 2) is [_, var rest] && rest.Split(' ') is [_, var source, ..] && source.StartsWith(slotSource, StringComparison.Ordinal)))
                {
                    found.Add($"{pid} holds a slot mount namespace {Command(proc)}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    private static bool Inside(string? target, string buildBase) =>
        target is not null && target.StartsWith(buildBase + "/SL", StringComparison.Ordinal);

    private static string Command(string proc)
    {
        try
        {
            return "'" + File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ').Trim() + "'";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "(gone)";
        }
    }
}
