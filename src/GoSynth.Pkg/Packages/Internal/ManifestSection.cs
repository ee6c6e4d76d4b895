using System.Formats.Tar;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>The manifests at the head of an archive and the first entry after them (already read, not yet handled).</summary>
internal sealed record ManifestSection(PackageManifest Manifest, PackageManifest? Compact, TarEntry? FirstPayloadEntry)
{
    /// <summary>Reads the leading metadata members. pkg writes <c>+COMPACT_MANIFEST</c> then <c>+MANIFEST</c> first;
    /// other leading <c>+</c> members (legacy <c>+DESC</c>, <c>+DISPLAY</c>) are skipped.</summary>
    public static async Task<ManifestSection> ReadAsync(ArchiveReader archive, CancellationToken cancellationToken)
    {
        PackageManifest? full = null, compact = null;
        while (true)
        {
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
