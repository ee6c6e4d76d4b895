using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Maintenance;

/// <summary>
/// What <c>purge-distfiles</c> deletes: the files of the distfiles directory that no port of the tree names. A port
/// names <c>DIST_SUBDIR/file</c> for each of its <c>ALLFILES</c> (just <c>file</c> without a DIST_SUBDIR), as dsynth
/// collects them. Hidden directories (fetch lock files such as <c>.locks</c>) are left alone.
/// </summary>
public static class DistfilePurge
{
    /// <summary>The files under <paramref name="distfilesDirectory"/> that none of <paramref name="ports"/> names, as absolute paths in ordinal order.</summary>
    /// <param name="distfilesDirectory">The distfiles directory (<c>Directory_distfiles</c>).</param>
    /// <param name="ports">The metadata of every port of the tree (a scan of everything); a partial list would delete files other ports need.</param>
    /// <exception cref="DirectoryNotFoundException">The distfiles directory does not exist.</exception>
    public static ImmutableArray<string> FindUnreferenced(string distfilesDirectory, IEnumerable<PortMetadata> ports)
    {
        ArgumentNullException.ThrowIfNull(distfilesDirectory);
        ArgumentNullException.ThrowIfNull(ports);
        var root = Path.GetFullPath(distfilesDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"the distfiles directory {root} does not exist");
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in ports)
        {
            foreach (var file in port.AllFiles)
            {
                referenced.Add(string.IsNullOrEmpty(port.DistSubdir) ? file : port.DistSubdir.TrimEnd('/') + "/" + file);
            }
        }

        var unreferenced = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.') || entry.LinkTarget is not null && entry is DirectoryInfo)
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else if (!referenced.Contains(Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/')))
                {
                    unreferenced.Add(entry.FullName);
                }
            }
        }

        unreferenced.Sort(StringComparer.Ordinal);
        return [.. unreferenced];
    }
}
