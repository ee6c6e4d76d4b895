using System.Formats.Tar;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Writes and reads the zstd tar archives of a catalog (<c>packagesite.pkg</c>, <c>data.pkg</c>): optional
/// signature members, then the payload member. An archive is written as one zstd frame (<see cref="WriteAsync(string, string, byte[], IReadOnlyList{KeyValuePair{string, byte[]}}, int, int, DateTimeOffset, CancellationToken)"/>)
/// or as a sequence of frames, one per piece of its tar (<see cref="Plan"/>, <see cref="CatalogFrames"/>,
/// <see cref="WriteFramesAsync"/>); a concatenation of frames is one valid zstd stream to every decoder.</summary>
internal static class CatalogArchive
{
    /// <summary>The tar of a framed archive and its pieces: the members before the payload with the payload's header,
    /// the payload cut at entry ends (<see cref="CatalogPieces"/>), and the padding with the end-of-archive blocks.</summary>
    public static FramedArchive Plan(
        string path, string member, byte[] content, IReadOnlyList<int> entryEnds, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, DateTimeOffset mtime, int pieceSize)
    {
        var (tarBytes, payloadStart) = Tar(member, content, signatures, mtime);
        var image = tarBytes.GetBuffer();
        var length = (int)tarBytes.Length;
        if (payloadStart + content.Length > length || !image.AsSpan(payloadStart, content.Length).SequenceEqual(content))
        {
            throw new InvalidOperationException($"the tar writer did not put the '{member}' member's bytes after a single 512-byte header");
        }

        var pieces = new List<(int Start, int Length)> { (0, payloadStart) };
        var start = 0;
        foreach (var end in CatalogPieces.Cut(content, entryEnds, pieceSize))
        {
            pieces.Add((payloadStart + start, end - start));
            start = end;
        }

        pieces.Add((payloadStart + content.Length, length - payloadStart - content.Length));
        return new FramedArchive(path, image, pieces);
    }

    /// <summary>Writes the frames of <paramref name="archive"/> (all compressed) one after the other, then renames the
    /// file into place.</summary>
    public static Task WriteFramesAsync(FramedArchive archive, CancellationToken cancellationToken) =>
        ReplaceAsync(archive.Path, async file =>
        {
            // Frames are small: gather them into large writes.
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                var used = 0;
                foreach (var frame in archive.Frames)
                {
                    if (used + frame!.Length > buffer.Length)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                        used = 0;
                    }

                    if (frame.Length > buffer.Length)
                    {
                        await file.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    frame.CopyTo(buffer, used);
                    used += frame.Length;
                }

                await file.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        });

    /// <summary>Writes the archive with a compression thread per processor.</summary>
    public static Task WriteAsync(
        string path, string member, byte[] content, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, int level, DateTimeOffset mtime, CancellationToken cancellationToken) =>
        WriteAsync(path, member, content, signatures, level, System.Environment.ProcessorCount, mtime, cancellationToken);

    /// <summary>Writes the archive: the tar is built in memory and compressed as one zstd frame with
    /// <paramref name="workers"/> threads (see <see cref="CatalogCompressor"/>), then renamed into place.</summary>
    public static Task WriteAsync(
        string path, string member, byte[] content, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, int level, int workers, DateTimeOffset mtime, CancellationToken cancellationToken)
    {
        var (tarBytes, _) = Tar(member, content, signatures, mtime);
        cancellationToken.ThrowIfCancellationRequested();
        var compressed = CatalogCompressor.Compress(tarBytes.GetBuffer().AsSpan(0, (int)tarBytes.Length), level, workers);
        return ReplaceAsync(path, file => file.WriteAsync(compressed, cancellationToken).AsTask());
    }

    /// <summary>The tar of an archive, in memory: the signature members, then the payload; and where the payload's
    /// bytes start (after its 512-byte header).</summary>
    private static (MemoryStream Tar, int PayloadStart) Tar(string member, byte[] content, IReadOnlyList<KeyValuePair<string, byte[]>> signatures, DateTimeOffset mtime)
    {
        var tarBytes = new MemoryStream(content.Length + 2048 + signatures.Sum(s => s.Value.Length + 1024));
        int payloadStart;
        using (var tar = new TarWriter(tarBytes, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, data) in signatures)
            {
                var entry = TarEntries.Create(TarEntryType.RegularFile, name, 0x1A4, mtime);
                entry.DataStream = new MemoryStream(data, writable: false);
                tar.WriteEntry(entry);
            }

            payloadStart = (int)tarBytes.Position + 512;
            var payload = TarEntries.Create(TarEntryType.RegularFile, member, 0x1A4, mtime);
            payload.DataStream = new MemoryStream(content, writable: false);
            tar.WriteEntry(payload);
        }

        return (tarBytes, payloadStart);
    }

    /// <summary>Writes <paramref name="path"/> through <c>.new</c> beside it, renamed into place once written whole.</summary>
    private static async Task ReplaceAsync(string path, Func<FileStream, Task> write)
    {
        var temp = path + ".new";
        try
        {
            var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await write(file).ConfigureAwait(false);
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
