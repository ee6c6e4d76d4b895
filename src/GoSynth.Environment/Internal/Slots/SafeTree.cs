using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// Deletes directory trees without ever crossing into a mount point. Before anything is deleted the live mount table
/// is checked for mounts inside the tree (the caller's path is resolved first, so a symlink cannot hide one); while
/// deleting, every entry's device and mount id are compared with the tree's, so a mount that appears meanwhile (or one
/// the table does not show, on systems without one) stops the delete too. Refusing throws a <see cref="SlotException"/>
/// naming the mount point; nothing below a mount point is ever touched.
/// </summary>
internal static class SafeTree
{
    /// <summary>The mount points of the live table: Linux's <c>/proc/self/mountinfo</c>; elsewhere none (device ids still guard).</summary>
    public static IReadOnlyList<string> LiveMountPoints() =>
        File.Exists("/proc/self/mountinfo") ? MountInfo.ParseLinux(File.ReadAllText("/proc/self/mountinfo")) : [];

    /// <summary>Deletes everything inside <paramref name="directory"/>, keeping the directory itself (which may be a mount point).</summary>
    public static void EmptyDirectory(string directory, IReadOnlyList<string> mountPoints) => Remove(directory, mountPoints, keepRoot: true);

    /// <summary>Deletes <paramref name="directory"/> and everything in it.</summary>
    public static void Delete(string directory, IReadOnlyList<string> mountPoints) => Remove(directory, mountPoints, keepRoot: false);

    /// <summary>The mount points strictly inside <paramref name="directory"/> (resolved), deepest first.</summary>
    public static IReadOnlyList<string> MountsInside(string directory, IReadOnlyList<string> mountPoints)
    {
        var real = Path.TrimEndingDirectorySeparator(LibC.RealPath(directory));
        return [.. MountInfo.Under(mountPoints, real).Where(m => m != real)];
    }

    private static void Remove(string directory, IReadOnlyList<string> mountPoints, bool keepRoot)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var real = Path.TrimEndingDirectorySeparator(LibC.RealPath(directory));
        var inside = MountsInside(real, mountPoints);
        if (inside.Count > 0)
        {
            throw new SlotException(
                $"refusing to delete anything in '{directory}': {string.Join(", ", inside)} {(inside.Count == 1 ? "is" : "are")} mounted inside it " +
                "and deleting would reach into another filesystem; unmount it first (for a slot: 'gosynth cleanup')");
        }

        var mounts = new HashSet<string>(mountPoints, StringComparer.Ordinal);
        if (!keepRoot && mounts.Contains(real))
        {
            throw new SlotException($"refusing to delete '{directory}': it is still a mount point; unmount it first");
        }

        var root = FileSystemIdentity.Of(real);
        Walk(real, root, mounts);
        if (!keepRoot)
        {
            Directory.Delete(real);
        }
    }

    private static void Walk(string directory, (ulong Device, ulong? MountId)? root, HashSet<string> mounts)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                // A symlink is removed, never followed.
                entry.Delete();
                continue;
            }

            if (mounts.Contains(entry.FullName) || OnAnotherMount(entry.FullName, root))
            {
                throw new SlotException($"refusing to delete '{entry.FullName}': it is a mount point (another filesystem or a bind mount); nothing below it was touched; unmount it first");
            }

            if (entry is DirectoryInfo dir)
            {
                Walk(dir.FullName, root, mounts);
            }

            entry.Delete();
        }
    }

    private static bool OnAnotherMount(string path, (ulong Device, ulong? MountId)? root)
    {
        if (root is not { } r || FileSystemIdentity.Of(path) is not { } e)
        {
            return false;
        }

        return e.Device != r.Device || (e.MountId is { } m && r.MountId is { } rm && m != rm);
    }
}
