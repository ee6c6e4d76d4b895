using System.Globalization;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>Finds the processes of a Linux slot from the host, whatever namespace or root directory they are in.</summary>
internal static class LinuxSlotProcesses
{
    /// <summary>
    /// Pids of the slot at <paramref name="root"/>: processes of another mount namespace whose root mount is the slot's
    /// root tmpfs (recognised by its source, <see cref="RootSource"/>), which covers a command after pivot_root and the
    /// unshare holding its namespace, and processes of ours whose root directory is the slot or below it. A namespace
    /// that merely holds a copy of the slot's mount somewhere else (one made while the slot was mounted: another
    /// slot's, a scan's target view) is not the slot's: its processes are never counted, so never killed.
    /// </summary>
    public static IEnumerable<int> InSlot(string root)
    {
        root = Path.TrimEndingDirectorySeparator(root);
        var source = RootSource(root);
        var self = System.Environment.ProcessId;
        var ownNamespace = ReadLink("/proc/self/ns/mnt");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            var mountNamespace = ReadLink(Path.Combine(dir, "ns", "mnt"));
            if (mountNamespace is not null && mountNamespace != ownNamespace)
            {
                if (HoldsMountFrom(Path.Combine(dir, "mountinfo"), source))
                {
                    yield return pid;
                }

                continue;
            }

            if (ReadLink(Path.Combine(dir, "root")) is { } link && (link == root || link.StartsWith(root + "/", StringComparison.Ordinal)))
            {
                yield return pid;
            }
        }
    }

    /// <summary>
    /// What keeps <paramref name="mountPoint"/> busy in this mount namespace: processes of ours (this one included) whose
    /// root, working directory or an open file lies at or under it, each as <c>pid (command) what</c>. For the warning
    /// when a mount has to be detached; a process in another mount namespace holds its own copy, never ours.
    /// </summary>
    public static IReadOnlyList<string> Holding(string mountPoint)
    {
        mountPoint = Path.TrimEndingDirectorySeparator(mountPoint);
        bool Under(string? path) => path is not null && (path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal));
        var ownNamespace = ReadLink("/proc/self/ns/mnt");
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ReadLink(Path.Combine(dir, "ns", "mnt")) != ownNamespace)
            {
                continue;
            }

            var what = new List<string>();
            foreach (var link in new[] { "root", "cwd" })
            {
                if (Under(ReadLink(Path.Combine(dir, link))))
                {
                    what.Add(link);
                }
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (ReadLink(fd) is { } target && Under(target))
                    {
                        what.Add("fd " + Path.GetFileName(fd) + " " + target);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }

            if (what.Count > 0)
            {
                found.Add($"{pid} ({Command(dir)}) {string.Join(", ", what)}");
            }
        }

        return found;
    }

    /// <summary>The source name of a slot's root tmpfs in the mount table: it marks the slot in every mount namespace.</summary>
    public static string RootSource(string root) => "gosynth-slot:" + Path.TrimEndingDirectorySeparator(root);

    private static bool HoldsMountFrom(string mountinfo, string source)
    {
        try
        {
            foreach (var line in File.ReadLines(mountinfo))
            {
                var dash = line.IndexOf(" - ", StringComparison.Ordinal);
                if (dash > 0 && line.AsSpan(dash + 3).StartsWith("tmpfs ") && MountInfo.SourceOf(line) == source && MountInfo.ParseLinux(line) is ["/"])
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended meanwhile.
        }

        return false;
    }

    private static string Command(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "comm")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "gone";
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
