namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Finds the package files of a repository as pkg repo does: recursive; directories starting with '.' and
/// <c>Latest</c> skipped; the catalog files at the top skipped; symlinks that resolve inside the repository and dead
/// symlinks skipped, others followed; only <c>.pkg</c> unless legacy extensions are accepted.
/// </summary>
internal static class RepositoryScanner
{
    private static readonly string[] s_legacy = [".txz", ".tzst", ".tgz", ".tbz", ".tar"];

    private static readonly HashSet<string> s_catalogFiles = new(StringComparer.Ordinal)
    {
        "meta", "meta.conf", "meta.pkg", "meta.txz", "packagesite.pkg", "packagesite.txz", "packagesite.tzst",
        "data.pkg", "data.txz", "data.tzst", "filesite.pkg", "filesite.txz", "files.pkg", "digests.pkg", "digests.txz",
    };

    /// <summary>Repository-relative paths ('/'-separated), ordinal order.</summary>
    /// <param name="root">The repository.</param>
    /// <param name="acceptLegacy">Also legacy extensions.</param>
    /// <param name="linked">When given, receives the paths reached through a symlink (the file itself or a directory
    /// above it), the only ones that can resolve outside the repository.</param>
    public static List<string> Scan(string root, bool acceptLegacy, ISet<string>? linked = null)
    {
        var realRoot = Path.GetFullPath(root).TrimEnd('/');
        var result = new List<string>();
        var pending = new Stack<(string Path, bool ViaLink)>();
        pending.Push(("", false));
        while (pending.Count > 0)
        {
            var (relative, viaLink) = pending.Pop();
            foreach (var info in new DirectoryInfo(relative.Length == 0 ? realRoot : realRoot + "/" + relative).EnumerateFileSystemInfos())
            {
                var path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
                var isDirectory = info is DirectoryInfo;
                var isLink = viaLink;
                if (info.LinkTarget is not null)
                {
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !target.Exists || target.FullName == realRoot || target.FullName.StartsWith(realRoot + "/", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    isDirectory = target is DirectoryInfo;
                    isLink = true;
                }

                if (isDirectory)
                {
                    if (!info.Name.StartsWith('.') && info.Name != "Latest")
                    {
                        pending.Push((path, isLink));
                    }

                    continue;
                }

                if (relative.Length == 0 && s_catalogFiles.Contains(info.Name))
                {
                    continue;
                }

                if (IsPackageName(info.Name, acceptLegacy))
                {
                    result.Add(path);
                    if (isLink)
                    {
                        linked?.Add(path);
                    }
                }
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    public static bool IsPackageName(string name, bool acceptLegacy) =>
        name.EndsWith(".pkg", StringComparison.Ordinal)
        || (acceptLegacy && s_legacy.Any(s => name.EndsWith(s, StringComparison.Ordinal)));
}
