namespace GoSynth.Builder.Execution.Internal;

/// <summary>
/// What a directory tree holds (every entry's relative path, kind, size and modification time; symbolic links are
/// recorded, never followed): taken of a slot's <c>/usr/local</c> before a port's phases and compared after them,
/// so a build that added, removed or changed anything there makes the slot reset before its next port.
/// </summary>
internal sealed class TreeSnapshot
{
    private readonly Dictionary<string, (FileAttributes Kind, long Length, long Ticks)> _entries;

    private TreeSnapshot(Dictionary<string, (FileAttributes, long, long)> entries) => _entries = entries;

    /// <summary>Entries recorded.</summary>
    public int Count => _entries.Count;

    public static TreeSnapshot Take(string root)
    {
        var entries = new Dictionary<string, (FileAttributes, long, long)>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        if (Directory.Exists(root))
        {
            pending.Push(root);
        }

        while (pending.Count > 0)
        {
            var directory = new DirectoryInfo(pending.Pop());
            foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false }))
            {
                var link = entry.Attributes.HasFlag(FileAttributes.ReparsePoint);
                var isDirectory = !link && entry.Attributes.HasFlag(FileAttributes.Directory);
                var kind = link ? FileAttributes.ReparsePoint : isDirectory ? FileAttributes.Directory : FileAttributes.Normal;
                var length = kind == FileAttributes.Normal ? ((FileInfo)entry).Length : 0;
                var ticks = kind == FileAttributes.Directory ? 0 : entry.LastWriteTimeUtc.Ticks;
                entries[System.IO.Path.GetRelativePath(root, entry.FullName)] = (kind, length, ticks);
                if (isDirectory)
                {
                    pending.Push(entry.FullName);
                }
            }
        }

        return new TreeSnapshot(entries);
    }

    /// <summary>The first difference between this snapshot and <paramref name="later"/>, or null when they are the same.</summary>
    public string? FirstDifference(TreeSnapshot later)
    {
        foreach (var (path, value) in later._entries)
        {
            if (!_entries.TryGetValue(path, out var before))
            {
                return "added " + path;
            }

            if (before != value)
            {
                return "changed " + path;
            }
        }

        foreach (var path in _entries.Keys)
        {
            if (!later._entries.ContainsKey(path))
            {
                return "removed " + path;
            }
        }

        return null;
    }
}
