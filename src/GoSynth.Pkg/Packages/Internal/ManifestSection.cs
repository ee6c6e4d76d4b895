using System.Formats.Tar;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>The manifests at the head of an archive and the first entry after them (already read, not yet handled).</summary>
internal sealed record ManifestSection(PackageManifest Manifest, PackageManifest? Compact, TarEntry? FirstPayloadEntry)
{
    /// <summary>Reads the leading metadata members. pkg writes <c>+COMPACT_MANIFEST</c> then <c>+MANIFEST</c> first;
    /// other leading <c>+</c> members (legacy <c>+DESC</c>, <c>+DISPLAY</c>) are skipped.</summary>
    /// <param name="archive">The archive, positioned at its start.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="stopAfterManifests">Return as soon as both manifests are read, without reading the next header
    /// (<see cref="FirstPayloadEntry"/> is then null): for readers that need no payload.</param>
    public static async Task<ManifestSection> ReadAsync(ArchiveReader archive, CancellationToken cancellationToken, bool stopAfterManifests = false)
    {
        PackageManifest? full = null, compact = null;
        while (true)
        {
            if (stopAfterManifests && full is not null && compact is not null)
            {
                return new ManifestSection(full, compact, null);
            }

            var entry = await archive.NextAsync(cancellationToken).ConfigureAwait(false);
            if (entry is null || !IsMetadataName(entry.Name))
            {
                if (full is null)
                {
                    throw new PackageFormatException(PackageErrorKind.BadManifest, archive.FilePath, "+MANIFEST",
                        entry is null ? "the archive has no +MANIFEST" : $"the archive has no +MANIFEST before '{entry.Name}'");
                }

                return new ManifestSection(full, compact, entry);
            }

            if (entry.Length > ArchiveReader.MaxManifestBytes)
            {
                // Skipping a member means decompressing it: refuse a metadata member that claims more than a manifest may.
                throw new PackageFormatException(PackageErrorKind.TooLarge, archive.FilePath, entry.Name,
                    $"the metadata member claims {entry.Length} bytes, more than the {ArchiveReader.MaxManifestBytes} bytes one may have");
            }

            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                continue;
            }

            var name = entry.Name.TrimStart('/');
            if (name == "+MANIFEST")
            {
                var bytes = await archive.ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
                full = PackageManifestSerializer.Parse(bytes, archive.FilePath, "+MANIFEST");
            }
            else if (name == "+COMPACT_MANIFEST")
            {
                var bytes = await archive.ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
                compact = PackageManifestSerializer.Parse(bytes, archive.FilePath, "+COMPACT_MANIFEST");
            }
        }
    }

    /// <summary>Metadata members are top-level names starting with <c>+</c>.</summary>
    public static bool IsMetadataName(string name)
    {
        var trimmed = name.TrimStart('/');
        if (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return trimmed.StartsWith('+') && !trimmed.Contains('/', StringComparison.Ordinal);
    }
}
