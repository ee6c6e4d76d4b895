using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Pkg.Repositories;

/// <summary>
/// Finds package files in a repository's <c>All/</c> directory that the current build graph no longer produces
/// (the content of <c>06_obsolete_packages.log</c>, and what <c>everything</c> / <c>prepare-system</c> clean up).
/// </summary>
public static class ObsoletePackages
{
    /// <summary>Lists the file names in <c>repositoryDirectory/All</c> that are not in <paramref name="producedFileNames"/>.</summary>
    /// <param name="repositoryDirectory">The packages directory holding <c>All/</c>.</param>
    /// <param name="producedFileNames">The package file names the current graph produces (e.g. <c>indexinfo-0.3.1.pkg</c>;
    /// a path is reduced to its file name).</param>
    /// <param name="acceptLegacyExtensions">Also consider <c>.txz</c>, <c>.tzst</c>, <c>.tgz</c>, <c>.tbz</c>, <c>.tar</c> files.</param>
    /// <returns>Obsolete file names in ordinal order; empty when <c>All/</c> does not exist.</returns>
    public static IReadOnlyList<string> Find(string repositoryDirectory, IEnumerable<string> producedFileNames, bool acceptLegacyExtensions = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        ArgumentNullException.ThrowIfNull(producedFileNames);
        var all = Path.Combine(repositoryDirectory, "All");
        if (!Directory.Exists(all))
        {
            return [];
        }

        var produced = new HashSet<string>(producedFileNames.Select(Path.GetFileName).OfType<string>(), StringComparer.Ordinal);
        return new DirectoryInfo(all).EnumerateFiles()
            .Select(f => f.Name)
            .Where(n => RepositoryScanner.IsPackageName(n, acceptLegacyExtensions) && !produced.Contains(n))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
