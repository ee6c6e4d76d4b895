using System.Collections.Concurrent;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Pkg.Repositories;

/// <summary>
/// Checks a repository against its catalog: every catalogued package is present, its SHA-256 and size match, its
/// manifest is readable and names the same package and version; package files the catalog does not list are reported
/// as extra. Packages are checked in parallel.
/// </summary>
public static class RepositoryVerifier
{
    /// <summary>Verifies <paramref name="repositoryDirectory"/>.</summary>
    /// <param name="repositoryDirectory">The repository root holding the catalog.</param>
    /// <param name="maxParallelism">How many packages are hashed at once; 0 means the processor count.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<VerificationReport> VerifyAsync(string repositoryDirectory, int maxParallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        var root = Path.GetFullPath(repositoryDirectory);
        RepositoryCatalog catalog;
        try
        {
            catalog = await RepositoryCatalog.ReadAsync(root, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PackageFormatException or FileNotFoundException or DirectoryNotFoundException)
        {
            return new VerificationReport(0, [new VerificationProblem(VerificationProblemKind.CatalogUnreadable, root, ex.Message)]);
        }

        var problems = new ConcurrentBag<VerificationProblem>();
        await Parallel.ForEachAsync(
            catalog.Entries,
            new ParallelOptions
            {
                MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : System.Environment.ProcessorCount,
                CancellationToken = cancellationToken,
            },
            async (entry, ct) =>
            {
                if (await CheckAsync(root, entry, ct).ConfigureAwait(false) is { } problem)
                {
                    problems.Add(problem);
                }
            }).ConfigureAwait(false);

        var listed = new HashSet<string>(catalog.Entries.Select(e => e.RepoPath), StringComparer.Ordinal);
        var legacy = catalog.Entries.Any(e => !e.RepoPath.EndsWith(".pkg", StringComparison.Ordinal));
        foreach (var path in RepositoryScanner.Scan(root, legacy))
        {
            if (!listed.Contains(path))
            {
                problems.Add(new VerificationProblem(VerificationProblemKind.Extra, path, "package file is not in the catalog; run rebuild-repository"));
            }
        }

        var ordered = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Kind).ToList();
        return new VerificationReport(catalog.Entries.Count, ordered);
    }

    private static async Task<VerificationProblem?> CheckAsync(string root, CatalogEntry entry, CancellationToken cancellationToken)
    {
        var path = entry.RepoPath;
        if (Packages.Internal.PathRules.Split(path) is null || !File.Exists(Path.Combine(root, path)))
        {
            return new VerificationProblem(VerificationProblemKind.Missing, path, $"catalogued package {entry.Manifest.NameVersion} is missing");
        }

        CatalogEntry actual;
        try
        {
            actual = await RepositoryBuilder.ReadEntryAsync(root, path, cancellationToken).ConfigureAwait(false);
        }
        catch (PackageFormatException ex)
        {
            return new VerificationProblem(VerificationProblemKind.UnreadableManifest, path, ex.Message);
        }

        var sumComparable = entry.Sum.Length == 64 && !entry.Sum.Contains('$', StringComparison.Ordinal);
        if ((sumComparable && !string.Equals(entry.Sum, actual.Sum, StringComparison.OrdinalIgnoreCase)) || entry.PackageSize != actual.PackageSize)
        {
            return new VerificationProblem(VerificationProblemKind.SumMismatch, path,
                $"catalog records sha256 {entry.Sum} and {entry.PackageSize} bytes, the file has {actual.Sum} and {actual.PackageSize} bytes");
        }

        if (entry.Manifest.Name != actual.Manifest.Name || entry.Manifest.Version != actual.Manifest.Version)
        {
            return new VerificationProblem(VerificationProblemKind.ManifestMismatch, path,
                $"catalog says {entry.Manifest.NameVersion}, the package's manifest says {actual.Manifest.NameVersion}");
        }

        return null;
    }
}
