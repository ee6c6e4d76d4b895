using System.Formats.Tar;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Reads what <c>pkg repo</c> reads from a package: its <c>+COMPACT_MANIFEST</c> (the <c>+MANIFEST</c> only when a
/// package has no compact one), stopping right after the leading metadata members. The member is bounded by
/// <see cref="CatalogReadOptions.MaxEntryBytes"/> before anything is allocated, checked to be UTF-8, and every
/// parse failure is a <see cref="PackageFormatException"/> naming the file and member.
/// </summary>
internal static class CompactManifestReader
{
    private const string Compact = "+COMPACT_MANIFEST";
    private const string Full = "+MANIFEST";

    public static async Task<PackageManifest> ReadAsync(Stream raw, string filePath, int maxBytes, CancellationToken cancellationToken)
    {
        var archive = await ArchiveReader.OpenAsync(raw, filePath, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            byte[]? full = null;
            while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry && ManifestSection.IsMetadataName(entry.Name))
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                var name = entry.Name.TrimStart('/');
                if (name.StartsWith("./", StringComparison.Ordinal))
                {
                    name = name[2..];
                }

                if (name == Compact)
                {
                    return Parse(await ReadBoundedAsync(archive, entry, Compact, maxBytes, cancellationToken).ConfigureAwait(false), filePath, Compact);
                }

                if (name == Full)
                {
                    full = await ReadBoundedAsync(archive, entry, Full, maxBytes, cancellationToken).ConfigureAwait(false);
                }
            }

            return full is not null
                ? Parse(full, filePath, Full)
                : throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, Compact, "the archive has neither +COMPACT_MANIFEST nor +MANIFEST before its files");
        }
    }

    /// <summary>Parses manifest bytes, turning invalid UTF-8 and unreadable strings into a typed error.</summary>
    public static PackageManifest Parse(byte[] bytes, string filePath, string member)
    {
        var bad = Utf8Text.FirstInvalid(bytes);
        if (bad >= 0)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, member, $"the manifest is not valid UTF-8 (bad byte 0x{bytes[bad]:x2} at offset {bad})");
        }

        try
        {
            return PackageManifestSerializer.Parse(bytes, filePath, member);
        }
        catch (InvalidOperationException ex)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, filePath, member, $"the manifest holds a string that cannot be read ({ex.Message})", ex);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(ArchiveReader archive, TarEntry entry, string member, int maxBytes, CancellationToken cancellationToken)
    {
        if (entry.Length > maxBytes)
        {
            throw new PackageFormatException(PackageErrorKind.BadManifest, archive.FilePath, member,
                $"the member claims {entry.Length} bytes, more than the {maxBytes} allowed for a manifest");
        }

        var data = new byte[entry.Length];
        if (entry.DataStream is { } stream)
        {
            try
            {
                await stream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ArchiveReader.IsFormatError(ex))
            {
                throw archive.Wrap(ex, member);
            }
        }

        return data;
    }
}
