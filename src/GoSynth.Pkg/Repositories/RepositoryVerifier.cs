using System.Collections.Concurrent;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Pkg.Repositories;

/// <summary>
/// Checks a repository against its catalog: the catalog's signature (when it has one), then every catalogued package:
/// its path stays inside the repository (no absolute path, no <c>..</c>, no symlink out), the file is present, its
/// SHA-256 and size match, its compact manifest is readable and names the same package and version; package files the
/// catalog does not list are reported as extra. The catalog is streamed within <see cref="CatalogReadOptions"/>
/// limits and each package is read only as far as its compact manifest (plus one hashing pass over its bytes).
/// </summary>
public static class RepositoryVerifier
{
    /// <summary>Verifies <paramref name="repositoryDirectory"/>.</summary>
    /// <param name="repositoryDirectory">The repository root holding the catalog.</param>
    /// <param name="options">Parallelism, limits and signature trust; <see langword="null"/> for the defaults (no key:
    /// a signed catalog is then reported as unverifiable).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<VerificationReport> VerifyAsync(string repositoryDirectory, RepositoryVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        options ??= new RepositoryVerifierOptions();
        var limits = options.Limits ?? new CatalogReadOptions();
        limits.Validate();
        var root = Path.GetFullPath(repositoryDirectory);
        RepositoryCatalog catalog;
        CatalogSignatureStatus signature;
        try
        {
            var read = await RepositoryCatalog.ReadCoreAsync(root, limits, cancellationToken).ConfigureAwait(false);
            catalog = read.Catalog;
            signature = CatalogSignatureVerifier.Verify(read.Content, read.ArchivePath, read.Member, options);
            if (read.Meta is { } metaContent)
            {
                signature = CatalogSignatureVerifier.Combine(signature, CatalogSignatureVerifier.Verify(metaContent, read.MetaPath!, "meta", options));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new VerificationReport(0, [new VerificationProblem(VerificationProblemKind.CatalogUnreadable, root, ex.Message)]);
        }

        var problems = new ConcurrentBag<VerificationProblem>();
        if (signature.State == CatalogSignatureState.Invalid)
        {
            problems.Add(new VerificationProblem(VerificationProblemKind.SignatureInvalid, root, signature.Message));
        }

        var resolver = new CatalogPathResolver(root);
        await Parallel.ForEachAsync(
            catalog.Entries,
            new ParallelOptions
            {
                MaxDegreeOfParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : System.Environment.ProcessorCount,
                CancellationToken = cancellationToken,
            },
            async (entry, ct) =>
            {
                if (await CheckAsync(resolver, entry, limits, ct).ConfigureAwait(false) is { } problem)
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
        return new VerificationReport(catalog.Entries.Count, ordered) { Signature = signature };
    }

    private static async Task<VerificationProblem?> CheckAsync(CatalogPathResolver resolver, CatalogEntry entry, CatalogReadOptions limits, CancellationToken cancellationToken)
    {
        var path = entry.RepoPath;
        foreach (var candidate in entry.Path == path ? [path] : new[] { path, entry.Path })
        {
            if (CatalogPathResolver.LexicalProblem(candidate) is { } lexical)
            {
                return Unsafe(entry, candidate, lexical);
            }
        }

        var real = resolver.Resolve(path, out var problem);
        if (real is null)
        {
            return Unsafe(entry, path, problem!);
        }

        if (!File.Exists(real))
        {
            return new VerificationProblem(VerificationProblemKind.Missing, path, $"catalogued package {entry.Manifest.NameVersion} is missing");
        }

        CatalogEntry actual;
        try
        {
            var stream = resolver.OpenRead(real);
            actual = await RepositoryBuilder.ReadEntryAsync(stream, Path.Combine(resolver.RealRoot, path), path, limits.MaxEntryBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Unsafe(entry, path, ex.Message);
        }
        catch (PackageFormatException ex)
        {
            return new VerificationProblem(VerificationProblemKind.UnreadableManifest, path, ex.Message);
        }
        catch (IOException ex)
        {
            return new VerificationProblem(VerificationProblemKind.UnreadableManifest, path, $"the package file cannot be read ({ex.Message})");
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

    private static VerificationProblem Unsafe(CatalogEntry entry, string path, string why) =>
        new(VerificationProblemKind.UnsafePath, path,
            $"the catalog path of {entry.Manifest.NameVersion} {why}; it was not read (an entry must name a file inside the repository)");
}
