using System.Collections.Concurrent;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;
using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Pkg.Repositories;

/// <summary>
/// Writes a pkg(8) v2 repository catalog natively (no pkg binary needed): <c>meta.conf</c> and <c>meta</c>,
/// <c>packagesite.pkg</c> (member <c>packagesite.yaml</c>, one compact JSON object per line) and <c>data.pkg</c>
/// (member <c>data</c>, <c>{"groups":[],"expired_packages":[],"packages":[…]}</c>), all zstd tar archives as pkg
/// 2.x writes them. Packages are read and hashed in parallel; entries are ordered by path and the catalog members get
/// a fixed mtime, so the output is byte-for-byte the same for the same package files. Catalogs are unsigned: signing
/// (pkg repo's key file or signing command) is future work. <c>filesite</c>/<c>files</c> (pkg repo -l) is not written.
/// </summary>
public static class RepositoryBuilder
{
    /// <summary>Scans <paramref name="repositoryDirectory"/> and writes its catalog files there.</summary>
    /// <param name="repositoryDirectory">The packages directory (e.g. dsynth's <c>Directory_packages</c>, holding <c>All/</c>).</param>
    /// <param name="options">Catalog options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the rebuild; existing catalog files are then left as they were.</param>
    /// <returns>The entries written and the package files that could not be catalogued.</returns>
    public static async Task<RepositoryRebuildResult> RebuildAsync(
        string repositoryDirectory, RepositoryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        options ??= new RepositoryOptions();
        options.Validate();
        var root = Path.GetFullPath(repositoryDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"packages directory '{root}' does not exist");
        }

        var scan = await ReadAllAsync(root, options, cancellationToken).ConfigureAwait(false);
        var timestamp = options.Timestamp ?? scan.Newest;
        var lines = scan.Entries.Select(ToCatalogJson).ToList();
        var site = new MemoryStream();
        foreach (var line in lines)
        {
            site.Write(line);
            site.WriteByte((byte)'\n');
        }

        var data = new MemoryStream();
        data.Write("{\"groups\":[],\"expired_packages\":[],\"packages\":["u8);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                data.WriteByte((byte)',');
            }

            data.Write(lines[i]);
        }

        data.Write("]}"u8);
        // The two archives are compressed at once: at pkg's level 19 compression dominates the rebuild.
        await Task.WhenAll(
            Task.Run(() => CatalogArchive.WriteAsync(Path.Combine(root, "packagesite.pkg"), "packagesite.yaml", site.ToArray(), options.CompressionLevel, timestamp, cancellationToken), cancellationToken),
            Task.Run(() => CatalogArchive.WriteAsync(Path.Combine(root, "data.pkg"), "data", data.ToArray(), options.CompressionLevel, timestamp, cancellationToken), cancellationToken))
            .ConfigureAwait(false);
        var meta = MetaConf.Render();
        foreach (var name in new[] { "meta.conf", "meta" })
        {
            var path = Path.Combine(root, name);
            await File.WriteAllBytesAsync(path + ".new", meta, cancellationToken).ConfigureAwait(false);
            File.Move(path + ".new", path, overwrite: true);
            File.SetLastWriteTimeUtc(path, timestamp.UtcDateTime);
        }

        return new RepositoryRebuildResult(scan.Entries, scan.Failures, scan.Warnings, scan.Bytes);
    }

    /// <summary>The catalog line pkg writes for an entry (compact JSON, no newline).</summary>
    public static byte[] ToCatalogJson(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ManifestEmitter.ToBytes(entry.Manifest, full: false, new CatalogFields(entry.Sum, entry.Path, entry.RepoPath, entry.PackageSize));
    }

    /// <summary>Reads one package file in a single pass: its manifest and the SHA-256 of the whole file.</summary>
    /// <param name="repositoryDirectory">The repository root the catalog path is relative to.</param>
    /// <param name="relativePath">The package path below it, '/'-separated.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="PackageFormatException">The package is unreadable.</exception>
    public static async Task<CatalogEntry> ReadEntryAsync(string repositoryDirectory, string relativePath, CancellationToken cancellationToken = default)
    {
        var full = Path.Combine(repositoryDirectory, relativePath);
        // Unbuffered: the decompressor and the final hashing pass read in large blocks of their own.
        var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var hashing = new HashingReadStream(file);
        var manifest = await PackageReader.ReadManifestFromStreamAsync(hashing, full, cancellationToken).ConfigureAwait(false);
        var sum = await hashing.FinishAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogEntry(manifest, sum, relativePath, relativePath, hashing.BytesRead);
    }

    private static async Task<ScanResult> ReadAllAsync(string root, RepositoryOptions options, CancellationToken cancellationToken)
    {
        var paths = RepositoryScanner.Scan(root, options.AcceptLegacyExtensions);
        var results = new CatalogEntry?[paths.Count];
        var failures = new ConcurrentBag<KeyValuePair<string, string>>();
        var newest = new long[paths.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, paths.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    results[i] = await ReadEntryAsync(root, paths[i], ct).ConfigureAwait(false);
                    newest[i] = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(root, paths[i]))).ToUnixTimeSeconds();
                }
                catch (PackageFormatException ex)
                {
                    failures.Add(KeyValuePair.Create(paths[i], ex.Message));
                }
            }).ConfigureAwait(false);

        var entries = results.Where(e => e is not null).Select(e => e!).ToList();
        var warnings = entries.GroupBy(e => e.Manifest.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"package name '{g.Key}' is provided by several files: {string.Join(", ", g.Select(e => e.Path))}")
            .ToList();
        var maxTime = newest.Length == 0 ? 0 : newest.Max();
        return new ScanResult(
            entries,
            failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToList(),
            warnings,
            entries.Sum(e => e.PackageSize),
            DateTimeOffset.FromUnixTimeSeconds(maxTime));
    }

    private sealed record ScanResult(
        List<CatalogEntry> Entries, List<KeyValuePair<string, string>> Failures, List<string> Warnings, long Bytes, DateTimeOffset Newest);
}
