using System.Security.Cryptography;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Pkg.Repositories;

/// <summary>
/// Writes a pkg(8) v2 repository catalog natively (no pkg binary needed): <c>meta.conf</c> and <c>meta</c>,
/// <c>packagesite.pkg</c> (member <c>packagesite.yaml</c>, one compact JSON object per line) and <c>data.pkg</c>
/// (member <c>data</c>, <c>{"groups":[],"expired_packages":[],"packages":[…]}</c>), all zstd tar archives as pkg
/// 2.x writes them. Each entry is built from the package's <c>+COMPACT_MANIFEST</c> as <c>pkg repo</c> builds it
/// (same normalisation, same bytes). Packages are read and hashed in parallel; entries are ordered by path and the
/// catalog members get a fixed mtime, so the output is byte-for-byte the same for the same package files with the
/// same zstd (the host's libzstd when it loads, the managed one otherwise; another zstd version may choose other, equally
/// valid, compressed bytes). Catalogs can be signed with an RSA, ECDSA or EdDSA key or a signing command; a signed catalog is never silently replaced by an unsigned one.
/// Stale catalog files of other formats are removed. <c>filesite</c>/<c>files</c> (pkg repo -l) is not written.
/// A side cache in the packages directory (<c>.gosynth/catalog-cache-*</c>, see <see cref="RepositoryOptions.UseCache"/>)
/// keeps each package file's stat data with its SHA-256 and catalog line, so a rebuild reads only the files that
/// changed; its output is byte for byte what a full rebuild writes. Each catalog archive is written as a sequence of
/// independent zstd frames, one per piece of its tar cut between entries where their bytes say
/// (<see cref="RepositoryOptions.CompressionFrameSize"/>), compressed in parallel; the frames are kept in the same
/// cache directory, so a rebuild compresses only the pieces whose bytes changed (or, with a frame size of 0, each
/// archive as one frame with zstd's workers).
/// </summary>
public static partial class RepositoryBuilder
{
    /// <summary>Scans <paramref name="repositoryDirectory"/> and writes its catalog files there.</summary>
    /// <param name="repositoryDirectory">The packages directory (e.g. dsynth's <c>Directory_packages</c>, holding <c>All/</c>).</param>
    /// <param name="options">Catalog options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the rebuild; existing catalog files are then left as they were.</param>
    /// <returns>The entries written, the package files left out and why, and what else was done.</returns>
    /// <exception cref="CatalogFormatException">The existing catalog is signed and the new one would not be
    /// (<see cref="CatalogErrorKind.WouldDropSignature"/>), or signing failed; nothing was changed.</exception>
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

        var signer = CatalogSigner.Create(options);
        var logger = options.Logger ?? NullLogger.Instance;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cacheDirectory = options.CacheDirectory is { } configured ? Path.GetFullPath(configured, root) : CatalogCache.DefaultDirectory(root);
        using var cacheWriter = UsesCache(options) ? CatalogCache.Begin(cacheDirectory, root, options.Limits.MaxEntryBytes, logger) : null;
        var scan = await ReadAllAsync(root, options, cacheWriter is null ? null : CatalogCache.Load(cacheDirectory, root, options.Limits.MaxEntryBytes, logger), cancellationToken).ConfigureAwait(false);
        var result = new RepositoryRebuildResult(scan.Entries, scan.Failures, scan.Warnings, scan.Bytes) { PackagesRead = scan.Read };
        if (scan.Entries.Count == 0 && scan.Failures.Count > 0)
        {
            return result with { CatalogWritten = false };
        }

        if (signer is null && await CatalogFiles.SignatureMembersAsync(root, cancellationToken).ConfigureAwait(false) is { Count: > 0 } signed)
        {
            if (!options.AllowUnsigned)
            {
                throw new CatalogFormatException(CatalogErrorKind.WouldDropSignature, root, null,
                    $"the current catalog is signed ({string.Join(", ", signed)}) and the new one would not be; nothing was changed");
            }

            scan.Warnings.Add($"the signed catalog ({string.Join(", ", signed)}) was replaced by an unsigned one");
        }

        var timestamp = options.Timestamp ?? scan.Newest;
        var (siteBytes, siteEnds) = SiteMember(scan.Lines);
        var (dataBytes, dataEnds) = DataMember(scan.Lines);
        var siteSignature = signer is null ? [] : await signer.SignAsync("packagesite.yaml", siteBytes, Sha256Hex(siteBytes), cancellationToken).ConfigureAwait(false);
        var dataSignature = signer is null ? [] : await signer.SignAsync("data", dataBytes, Sha256Hex(dataBytes), cancellationToken).ConfigureAwait(false);
        var sitePath = Path.Combine(root, "packagesite.pkg");
        var dataPath = Path.Combine(root, "data.pkg");
        int compressed, reused = 0;
        if (options.CompressionFrameSize == 0)
        {
            // One frame per archive: both at once, each with zstd's workers (at pkg's level 19 compression dominates).
            await Task.WhenAll(
                Task.Run(() => CatalogArchive.WriteAsync(sitePath, "packagesite.yaml", siteBytes, siteSignature, options.CompressionLevel, options.CompressionThreads, timestamp, cancellationToken), cancellationToken),
                Task.Run(() => CatalogArchive.WriteAsync(dataPath, "data", dataBytes, dataSignature, options.CompressionLevel, options.CompressionThreads, timestamp, cancellationToken), cancellationToken))
                .ConfigureAwait(false);
            compressed = 2;
        }
        else
        {
            FramedArchive[] archives =
            [
                CatalogArchive.Plan(sitePath, "packagesite.yaml", siteBytes, siteEnds, siteSignature, timestamp, options.CompressionFrameSize),
                CatalogArchive.Plan(dataPath, "data", dataBytes, dataEnds, dataSignature, timestamp, options.CompressionFrameSize),
            ];
            var frameCache = cacheWriter is null ? null : CatalogFrameCache.Load(cacheDirectory, root, logger);
            var fill = await Task.Run(
                () => CatalogFrames.Fill(archives, options.CompressionLevel, options.CompressionThreads, frameCache, cancellationToken), cancellationToken).ConfigureAwait(false);
            (compressed, reused) = (fill.Compressed, fill.Reused);
            await Task.WhenAll(archives.Select(a => CatalogArchive.WriteFramesAsync(a, cancellationToken))).ConfigureAwait(false);
            if (cacheWriter is not null && !fill.CacheCurrent)
            {
                SaveFrames(cacheDirectory, root, fill.Entries, logger);
            }
        }

        var meta = MetaConf.Render();
        foreach (var name in new[] { "meta.conf", "meta" })
        {
            var path = Path.Combine(root, name);
            await File.WriteAllBytesAsync(path + ".new", meta, cancellationToken).ConfigureAwait(false);
            File.Move(path + ".new", path, overwrite: true);
            File.SetLastWriteTimeUtc(path, timestamp.UtcDateTime);
        }

        var stale = CatalogFiles.Stale(root);
        foreach (var name in stale)
        {
            File.Delete(Path.Combine(root, name));
        }

        SaveCache(cacheWriter, scan.Cache, logger);
        Log.CatalogRebuilt(logger, root, scan.Entries.Count, scan.Read, scan.Entries.Count - scan.Read, scan.Failures.Count, clock.ElapsedMilliseconds);
        return result with { RemovedFiles = stale, Signature = signer?.Description, FramesCompressed = compressed, FramesReused = reused };
    }

    /// <summary><c>packagesite.yaml</c>: one line per entry; and where each entry (with its newline) ends.</summary>
    internal static (byte[] Content, int[] EntryEnds) SiteMember(List<byte[]> lines)
    {
        var content = GC.AllocateUninitializedArray<byte>(lines.Sum(l => l.Length + 1));
        var ends = new int[lines.Count];
        var at = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].CopyTo(content, at);
            at += lines[i].Length;
            content[at++] = (byte)'\n';
            ends[i] = at;
        }

        return (content, ends);
    }

    /// <summary><c>data</c>: the entries in the <c>packages</c> array; and where each entry (with the comma after it,
    /// the closing brackets after the last) ends.</summary>
    internal static (byte[] Content, int[] EntryEnds) DataMember(List<byte[]> lines)
    {
        var head = "{\"groups\":[],\"expired_packages\":[],\"packages\":["u8;
        var tail = "]}"u8;
        var content = GC.AllocateUninitializedArray<byte>(head.Length + lines.Sum(l => l.Length + 1) - Math.Min(1, lines.Count) + tail.Length);
        var ends = new int[Math.Max(1, lines.Count)];
        head.CopyTo(content);
        var at = head.Length;
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i].CopyTo(content, at);
            at += lines[i].Length;
            if (i < lines.Count - 1)
            {
                content[at++] = (byte)',';
                ends[i] = at;
            }
        }

        tail.CopyTo(content.AsSpan(at));
        ends[^1] = content.Length;
        return (content, ends);
    }

    private static void SaveFrames(string directory, string root, IReadOnlyList<KeyValuePair<(int Level, UInt128 Hash), byte[]>> frames, Microsoft.Extensions.Logging.ILogger logger)
    {
        try
        {
            CatalogFrameCache.Save(directory, root, frames);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CatalogCacheSaveFailed(logger, CatalogFrameCache.PathFor(directory, root), ex.Message);
        }
    }

    /// <summary>The catalog line pkg writes for an entry (compact JSON, no newline): pkg's key order, its sorted
    /// lists, its string escaping.</summary>
    public static byte[] ToCatalogJson(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return CatalogLineWriter.Write(entry);
    }

    /// <summary>Reads one package file in a single pass: its compact manifest and the SHA-256 of the whole file.</summary>
    /// <param name="repositoryDirectory">The repository root the catalog path is relative to.</param>
    /// <param name="relativePath">The package path below it, '/'-separated.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="PackageFormatException">The package is unreadable.</exception>
    public static Task<CatalogEntry> ReadEntryAsync(string repositoryDirectory, string relativePath, CancellationToken cancellationToken = default)
    {
        var full = Path.Combine(repositoryDirectory, relativePath);
        // Unbuffered: the decompressor and the final hashing pass read in large blocks of their own.
        var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return ReadEntryAsync(file, full, relativePath, new CatalogReadOptions().MaxEntryBytes, cancellationToken);
    }

    /// <summary>Reads a package from an open stream (which it disposes).</summary>
    internal static async Task<CatalogEntry> ReadEntryAsync(Stream file, string displayPath, string relativePath, int maxManifestBytes, CancellationToken cancellationToken)
    {
        using var hashing = new HashingReadStream(file);
        var manifest = await CompactManifestReader.ReadAsync(hashing, displayPath, maxManifestBytes, cancellationToken).ConfigureAwait(false);
        var sum = await hashing.FinishAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogEntry(manifest, sum, relativePath, relativePath, hashing.BytesRead);
    }

    private static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
