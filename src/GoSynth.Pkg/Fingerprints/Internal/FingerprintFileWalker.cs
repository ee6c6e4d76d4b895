using System.IO.Enumeration;
using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>
/// Lists the entries a port fingerprint covers: every regular file and symbolic link below the port directory,
/// recursively, without descending into skipped directories or through symbolic links, sorted ordinally by
/// relative path. Each entry carries its <c>lstat</c> data, read with one system call per entry
/// (<see cref="FileStatus"/>); the directory listing itself asks for names only.
/// </summary>
internal static class FingerprintFileWalker
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    public static List<FingerprintEntry> List(string portDirectory, CancellationToken cancellationToken) =>
        List(portDirectory, null, cancellationToken);

    /// <summary>Lists the entries; with <paramref name="directories"/>, also adds there the stat data of the directory
    /// itself (relative path empty, links followed) and of every subdirectory walked, ordinal by relative path.</summary>
    public static List<FingerprintEntry> List(string portDirectory, List<FingerprintEntry>? directories, CancellationToken cancellationToken)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(portDirectory));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Cannot fingerprint the port directory '{portDirectory}': it does not exist or is not a directory.");
        }

        if (directories is not null && FileStatus.IsSupported)
        {
            if (!FileStatus.TryGet(root, followLinks: true, out var rootStatus))
            {
                throw new IOException($"Cannot read the status of '{root}'.");
            }

            directories.Add(new FingerprintEntry("", root, IsSymbolicLink: false, rootStatus.Size, rootStatus));
        }

        var entries = new List<FingerprintEntry>();
        var pending = new Stack<(string FullPath, string RelativePrefix)>();
        pending.Push((root, ""));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, prefix) = pending.Pop();
            if (FileStatus.IsSupported)
            {
                ListWithStatus(directory, prefix, entries, directories, pending);
            }
            else
            {
                ListPortable(directory, prefix, entries, pending);
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        directories?.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return entries;
    }

    /// <summary>Names from the directory listing, then one <c>lstat</c> per entry for its type, size, times and inode.</summary>
    private static void ListWithStatus(string directory, string prefix, List<FingerprintEntry> entries, List<FingerprintEntry>? directories, Stack<(string, string)> pending)
    {
        var names = new FileSystemEnumerable<string>(directory, static (ref FileSystemEntry entry) => entry.FileName.ToString(), Options);
        foreach (var name in names)
        {
            var fullPath = directory + "/" + name;
            if (!FileStatus.TryGet(fullPath, followLinks: false, out var status))
            {
                if (!File.Exists(fullPath) && !Directory.Exists(fullPath) && !IsLink(fullPath))
                {
                    continue; // gone since the listing
                }

                throw new IOException($"Cannot read the status of '{fullPath}'.");
            }

            var relative = prefix + name;
            if (status.IsDirectory)
            {
                if (!PortFingerprint.IsSkippedDirectory(name))
                {
                    pending.Push((fullPath, relative + "/"));
                    directories?.Add(new FingerprintEntry(relative, fullPath, IsSymbolicLink: false, status.Size, status));
                }
            }
            else
            {
                entries.Add(new FingerprintEntry(relative, fullPath, status.IsSymbolicLink, status.Size, status));
            }
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Where <see cref="FileStatus"/> is not available: the runtime's own entry data (no inode or change time).</summary>
    private static void ListPortable(string directory, string prefix, List<FingerprintEntry> entries, Stack<(string, string)> pending)
    {
        var enumerable = new FileSystemEnumerable<(string Name, string FullPath, Kind Kind, long Length)>(
            directory,
            (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.ToFullPath(), Classify(ref entry), entry.Length),
            Options);
        foreach (var (name, fullPath, kind, length) in enumerable)
        {
            var relative = prefix + name;
            switch (kind)
            {
                case Kind.Directory when !PortFingerprint.IsSkippedDirectory(name):
                    pending.Push((fullPath, relative + "/"));
                    break;
                case Kind.File:
                    entries.Add(new FingerprintEntry(relative, fullPath, IsSymbolicLink: false, length));
                    break;
                case Kind.SymbolicLink:
                    entries.Add(new FingerprintEntry(relative, fullPath, IsSymbolicLink: true, length));
                    break;
                default:
                    break;
            }
        }
    }

    private static Kind Classify(ref FileSystemEntry entry)
    {
        if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            return Kind.SymbolicLink;
        }

        return entry.IsDirectory ? Kind.Directory : Kind.File;
    }

    private enum Kind
    {
        File,
        Directory,
        SymbolicLink,
    }
}
