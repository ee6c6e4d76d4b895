using System.IO.Enumeration;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>
/// Lists the entries a port fingerprint covers: every regular file and symbolic link below the port directory,
/// recursively, without descending into skipped directories or through symbolic links, sorted ordinally by
/// relative path.
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

    public static List<FingerprintEntry> List(string portDirectory, CancellationToken cancellationToken)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(portDirectory));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Cannot fingerprint the port directory '{portDirectory}': it does not exist or is not a directory.");
        }

        var entries = new List<FingerprintEntry>();
        var pending = new Stack<(string FullPath, string RelativePrefix)>();
        pending.Push((root, ""));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, prefix) = pending.Pop();
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

        entries.Sort(static (a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return entries;
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
