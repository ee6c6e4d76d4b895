using System.Formats.Tar;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;
using ZstdSharp;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Writes and reads the zstd tar archives of a catalog (<c>packagesite.pkg</c>, <c>data.pkg</c>): optional
/// signature members, then the payload member.</summary>
internal static class CatalogArchive
{
    public static async Task WriteAsync(
        string path, string member, byte[] content, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, int level, DateTimeOffset mtime, CancellationToken cancellationToken)
    {
        var temp = path + ".new";
        try
        {
            var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var zstd = new CompressionStream(file, level, leaveOpen: true);
                await using (zstd.ConfigureAwait(false))
                {
                    var tar = new TarWriter(zstd, TarEntryFormat.Ustar, leaveOpen: true);
                    await using (tar.ConfigureAwait(false))
                    {
                        foreach (var (name, data) in signatures.Append(KeyValuePair.Create(member, content)))
                        {
                            var entry = TarEntries.Create(TarEntryType.RegularFile, name, 0x1A4, mtime);
                            entry.DataStream = new MemoryStream(data, writable: false);
                            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }

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
