using System.Formats.Tar;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Packages;

/// <summary>
/// Reads pkg(8) package files (<c>.pkg</c>, <c>.tzst</c>, <c>.txz</c>, <c>.tgz</c>, <c>.tbz</c>, <c>.tar</c>): the
/// compression is detected from the first bytes, never from the name, and the archive is streamed (only the
/// manifests are held in memory).
/// </summary>
public static class PackageReader
{
    /// <summary>Detects the compression of a package file from its first bytes.</summary>
    /// <exception cref="PackageFormatException">The file is empty or its magic bytes match nothing supported.</exception>
    public static PackageCompression DetectCompression(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        var head = new byte[CompressionSniffer.SniffLength];
        var n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n == 0)
        {
            throw new PackageFormatException(PackageErrorKind.Truncated, path, null, "the file is empty");
        }

        return CompressionSniffer.Detect(head.AsSpan(0, n)) ?? throw new PackageFormatException(
            PackageErrorKind.UnknownFormat, path, null, $"unknown magic bytes {Convert.ToHexString(head, 0, Math.Min(n, 6))}");
    }

    /// <summary>Reads the full manifest (<c>+MANIFEST</c>) of a package file; stops reading right after it.</summary>
    /// <exception cref="PackageFormatException">The archive or its manifest is unreadable.</exception>
    public static async Task<PackageManifest> ReadManifestAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var archive = await ArchiveReader.OpenFileAsync(path, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var section = await ManifestSection.ReadAsync(archive, cancellationToken, stopAfterManifests: true).ConfigureAwait(false);
            return section.Manifest;
        }
    }

    /// <summary>Reads the manifests at the head of a package file (<c>+COMPACT_MANIFEST</c> and <c>+MANIFEST</c>, which pkg
    /// writes first) and stops: the payload is never decompressed. <see cref="PackageContents.Entries"/> is empty.</summary>
    /// <exception cref="PackageFormatException">The archive or its manifest is unreadable.</exception>
    public static async Task<PackageContents> ReadSummaryAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var archive = await ArchiveReader.OpenFileAsync(path, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var section = await ManifestSection.ReadAsync(archive, cancellationToken, stopAfterManifests: true).ConfigureAwait(false);
            return new PackageContents(path, archive.Compression, section.Manifest, section.Compact, []);
        }
    }

    /// <summary>Reads only <c>+COMPACT_MANIFEST</c>, the first member pkg writes, and stops (what a repository catalog
    /// entry is built from); a package without one gives its <c>+MANIFEST</c> instead. At most one metadata member's
    /// worth of the archive is decompressed, and a member larger than a manifest may be is refused.</summary>
    /// <exception cref="PackageFormatException">The archive or its manifest is unreadable.</exception>
    public static async Task<PackageManifest> ReadCompactManifestAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var archive = await ArchiveReader.OpenFileAsync(path, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var entry = await archive.NextAsync(cancellationToken).ConfigureAwait(false);
            if (entry is not null && entry.Name.TrimStart('/') == "+COMPACT_MANIFEST" && entry.Length <= ArchiveReader.MaxManifestBytes)
            {
                var bytes = await archive.ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
                return PackageManifestSerializer.Parse(bytes, path, "+COMPACT_MANIFEST");
            }
        }

        return await ReadManifestAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the full manifest from a stream holding a package archive (read forward only).</summary>
    /// <param name="stream">The package bytes.</param>
    /// <param name="name">A name for error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="PackageFormatException">The archive or its manifest is unreadable.</exception>
    public static async Task<PackageManifest> ReadManifestFromStreamAsync(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var archive = await ArchiveReader.OpenAsync(stream, name, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var section = await ManifestSection.ReadAsync(archive, cancellationToken).ConfigureAwait(false);
            return section.Manifest;
        }
    }

    /// <summary>Reads the manifests and lists every payload entry (reading through, not keeping, the data). The payload
    /// read is bounded by the manifest's <c>flatsize</c>: an entry that would pass it is refused before it is read.</summary>
    /// <exception cref="PackageFormatException">The archive or its manifest is unreadable, the archive is truncated, or it
    /// holds more than its manifest declares (<see cref="PackageErrorKind.TooLarge"/>).</exception>
    public static async Task<PackageContents> ReadContentsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var archive = await ArchiveReader.OpenFileAsync(path, cancellationToken, readAhead: true).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var section = await ManifestSection.ReadAsync(archive, cancellationToken).ConfigureAwait(false);
            var entries = new List<PackageEntry>();
            var buffer = new byte[1 << 16];
            var budget = new PayloadBudget(path, section.Manifest.FlatSize, long.MaxValue, PackageInstallOptions.DefaultMaxEntries);
            var entry = section.FirstPayloadEntry;
            while (entry is not null)
            {
                budget.Take(entry.Name, KindOf(entry.EntryType) == PackageEntryKind.File && !ManifestSection.IsMetadataName(entry.Name) ? entry.Length : 0);
                entries.Add(Describe(entry));
                await archive.SkipAsync(entry, buffer, cancellationToken).ConfigureAwait(false);

                entry = await archive.NextAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PackageContents(path, archive.Compression, section.Manifest, section.Compact, entries);
        }
    }

    internal static PackageEntry Describe(TarEntry entry) => new(
        entry.Name,
        KindOf(entry.EntryType),
        entry.Length,
        (int)entry.Mode & 0xFFF,
        entry.ModificationTime,
        entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? entry.LinkName : null,
        (entry as PosixTarEntry)?.UserName ?? "",
        (entry as PosixTarEntry)?.GroupName ?? "");

    internal static PackageEntryKind KindOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => PackageEntryKind.File,
        TarEntryType.Directory => PackageEntryKind.Directory,
        TarEntryType.SymbolicLink => PackageEntryKind.Symlink,
        TarEntryType.HardLink => PackageEntryKind.HardLink,
        _ => PackageEntryKind.Other,
    };
}
