using System.Collections.Concurrent;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories.Internal;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories;

/// <summary>Reading the package files of a rebuild, reusing what the catalog cache holds for unchanged ones.</summary>
public static partial class RepositoryBuilder
{
    private static bool UsesCache(RepositoryOptions options) => options.UseCache && FileStamp.IsSupported;

    private static async Task<ScanResult> ReadAllAsync(string root, RepositoryOptions options, CatalogCache? cache, CancellationToken cancellationToken)
    {
        var linked = new HashSet<string>(StringComparer.Ordinal);
        var paths = RepositoryScanner.Scan(root, options.AcceptLegacyExtensions, linked);
        var failures = new ConcurrentBag<KeyValuePair<string, string>>();
        if (!options.AcceptLegacyExtensions)
        {
            var catalogued = paths.ToHashSet(StringComparer.Ordinal);
            foreach (var legacy in RepositoryScanner.Scan(root, acceptLegacy: true).Where(p => !catalogued.Contains(p)))
            {
                failures.Add(KeyValuePair.Create(legacy,
                    $"'{Path.GetExtension(legacy)}' is a legacy package extension; pkg repo catalogs only .pkg files since pkg 1.18 "
                    + "(rename it to .pkg, or accept legacy extensions: --accept-legacy, pkg's REPO_ACCEPT_LEGACY_PKG)"));
            }
        }

        var read = new CatalogEntry?[paths.Count];
        var records = new CatalogCacheRecord?[paths.Count];
        var newest = new long[paths.Count];
        var symlinkedOut = new ConcurrentBag<string>();
        var resolver = new CatalogPathResolver(root);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, paths.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    var full = Path.Combine(root, paths[i]);
                    if (cache is not null && FileStamp.Of(full) is { } now && cache.Unchanged(paths[i], now) is { } cached)
                    {
                        records[i] = cached;
                        newest[i] = FloorSeconds(now.MtimeNs);
                    }
                    else
                    {
                        var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
                        FileStamp? stamp = null;
                        try
                        {
                            stamp = cache is null ? null : FileStamp.Of(file.SafeFileHandle);
                        }
                        catch
                        {
                            await file.DisposeAsync().ConfigureAwait(false);
                            throw;
                        }

                        var entry = await ReadEntryAsync(file, full, paths[i], options.Limits.MaxEntryBytes, ct).ConfigureAwait(false);
                        read[i] = entry;
                        records[i] = new CatalogCacheRecord(stamp ?? default, Convert.FromHexString(entry.Sum), entry.PackageSize, entry.Manifest.Name, CatalogLineWriter.Write(entry));
                        newest[i] = stamp is { } taken ? FloorSeconds(taken.MtimeNs) : new DateTimeOffset(File.GetLastWriteTimeUtc(full)).ToUnixTimeSeconds();
                    }

                    if (linked.Contains(paths[i]) && resolver.Resolve(paths[i], out _) is null)
                    {
                        symlinkedOut.Add(paths[i]);
                    }
                }
                catch (PackageFormatException ex)
                {
                    failures.Add(KeyValuePair.Create(paths[i], ex.Message));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failures.Add(KeyValuePair.Create(paths[i], $"the package file cannot be read ({ex.Message})"));
                }
            }).ConfigureAwait(false);

        var kept = Enumerable.Range(0, paths.Count).Where(i => records[i] is not null).ToList();
        var lines = kept.Select(i => records[i]!.Line).ToList();
        var entries = new CatalogEntryList(kept.Select(i => read[i]).ToList(), lines, root);
        var warnings = kept.GroupBy(i => records[i]!.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"package name '{g.Key}' is provided by several files: {string.Join(", ", g.Select(i => paths[i]))}")
            .Concat(symlinkedOut.Order(StringComparer.Ordinal).Select(p =>
                $"'{p}' is a symlink to a file outside the repository; it is catalogued as pkg repo does, but verify will refuse it"))
            .ToList();
        var maxTime = newest.Length == 0 ? 0 : newest.Max();
        return new ScanResult(
            entries,
            lines,
            failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToList(),
            warnings,
            kept.Sum(i => records[i]!.PackageSize),
            DateTimeOffset.FromUnixTimeSeconds(maxTime),
            kept.Count(i => read[i] is not null),
            kept.Select(i => KeyValuePair.Create(paths[i], records[i]!)).ToList());
    }

    // Whole integers: a double cannot tell nanoseconds apart at today's times, so an mtime just below a second's end
    // would round up, and the catalog's time would differ from the uncached path's.
    private static long FloorSeconds(long nanoseconds) => Math.DivRem(nanoseconds, 1_000_000_000L) is var (q, r) && r < 0 ? q - 1 : q;

    private static void SaveCache(CatalogCache.Writer? writer, List<KeyValuePair<string, CatalogCacheRecord>> records, ILogger logger)
    {
        if (writer is null)
        {
            return;
        }

        try
        {
            writer.Commit(records);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CatalogCacheSaveFailed(logger, writer.Path, ex.Message);
        }
    }

    private sealed record ScanResult(
        IReadOnlyList<CatalogEntry> Entries,
        List<byte[]> Lines,
        List<KeyValuePair<string, string>> Failures,
        List<string> Warnings,
        long Bytes,
        DateTimeOffset Newest,
        int Read,
        List<KeyValuePair<string, CatalogCacheRecord>> Cache);
}
