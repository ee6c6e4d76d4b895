using System.Formats.Tar;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Writes and reads the zstd tar archives of a catalog (<c>packagesite.pkg</c>, <c>data.pkg</c>): optional
/// signature members, then the payload member.</summary>
internal static class CatalogArchive
{
    /// <summary>Writes the archive with a compression thread per processor.</summary>
    public static Task WriteAsync(
        string path, string member, byte[] content, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, int level, DateTimeOffset mtime, CancellationToken cancellationToken) =>
        WriteAsync(path, member, content, signatures, level, System.Environment.ProcessorCount, mtime, cancellationToken);

    /// <summary>Writes the archive: the tar is built in memory and compressed as one zstd frame with
    /// <paramref name="workers"/> threads (see <see cref="CatalogCompressor"/>), then renamed into place.</summary>
    public static async Task WriteAsync(
        string path, string member, byte[] content, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, int level, int workers, DateTimeOffset mtime, CancellationToken cancellationToken)
    {
        var tarBytes = new MemoryStream(content.Length + 4096);
        var tar = new TarWriter(tarBytes, TarEntryFormat.Ustar, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            foreach (var (name, data) in signatures.Append(KeyValuePair.Create(member, content)))
            {
                var entry = TarEntries.Create(TarEntryType.RegularFile, name, 0x1A4, mtime);
                entry.DataStream = new MemoryStream(data, writable: false);
                await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var compressed = CatalogCompressor.Compress(tarBytes.GetBuffer().AsSpan(0, (int)tarBytes.Length), level, workers);
        var temp = path + ".new";
        try
        {
            await File.WriteAllBytesAsync(temp, compressed, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads one whole member (tests and small members), refusing one that claims more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadMemberAsync(string path, string member, CancellationToken cancellationToken, int maxBytes = 256 << 20)
    {
        var archive = await ArchiveReader.OpenFileAsync(path, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.Name.TrimStart('/') != member)
                {
                    continue;
                }

                if (entry.Length > maxBytes)
                {
                    throw new CatalogFormatException(CatalogErrorKind.TooLarge, path, $"member '{member}'", $"the member claims {entry.Length} bytes, more than the {maxBytes} allowed");
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

        throw new PackageFormatException(PackageErrorKind.MissingEntry, path, member, "the catalog archive has no such member");
    }
}
