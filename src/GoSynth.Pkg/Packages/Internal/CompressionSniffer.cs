using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Detects a package's compression from its first bytes and opens the matching decompressor.</summary>
internal static class CompressionSniffer
{
    /// <summary>Enough bytes to see a tar header's <c>ustar</c> magic at offset 257.</summary>
    public const int SniffLength = 512;

    public static PackageCompression? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return PackageCompression.Zstd;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]))
        {
            return PackageCompression.Xz;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return PackageCompression.Gzip;
        }

        if (head.StartsWith("BZh"u8))
        {
            return PackageCompression.Bzip2;
        }

        if (head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return PackageCompression.None;
        }

        return null;
    }

    /// <summary>The native library to use, or null for the managed decoder.</summary>
    private static T? Native<T>(DecoderChoice choice, T? api)
        where T : class => choice switch
        {
            DecoderChoice.Managed => null,
            DecoderChoice.Native => api ?? throw new PlatformNotSupportedException("the native decoder library is not installed"),
            _ => api,
        };

    /// <summary>Sniffs <paramref name="raw"/> and returns the decompressed tar stream (which owns <paramref name="raw"/>
    /// unless <paramref name="leaveOpen"/>) and the stream the decompressor reads, which tells whether it ran out of input.</summary>
    public static async Task<(Stream Tar, PackageCompression Compression, PrefixedStream Source)> OpenAsync(
        Stream raw, string filePath, bool leaveOpen, CancellationToken cancellationToken, DecoderChoice decoders = DecoderChoice.Auto)
    {
        var head = new byte[SniffLength];
        var filled = 0;
        while (filled < head.Length)
        {
            var n = await raw.ReadAsync(head.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        if (filled == 0)
        {
            throw new PackageFormatException(PackageErrorKind.Truncated, filePath, null, "the file is empty");
        }

        var compression = Detect(head.AsSpan(0, filled)) ?? throw new PackageFormatException(
            PackageErrorKind.UnknownFormat, filePath, null,
            $"unknown magic bytes {Convert.ToHexString(head, 0, Math.Min(filled, 6))}");
        var replay = new PrefixedStream(head, filled, raw, leaveOpen);
        try
        {
            Stream tar = compression switch
            {
                PackageCompression.Zstd when Native(decoders, NativeCodecs.Zstd) is { } zstd => new ZstdDecoderStream(replay, zstd),
                PackageCompression.Zstd => new DecompressionStream(replay, leaveOpen: false),
                PackageCompression.Xz when IntPtr.Size == 8 && Native(decoders, NativeCodecs.Lzma) is { } lzma => new LzmaDecoderStream(replay, lzma),
                PackageCompression.Xz => new XZStream(replay),
                PackageCompression.Gzip => new GZipStream(replay, CompressionMode.Decompress, leaveOpen: false),
                PackageCompression.Bzip2 => BZip2Stream.Create(replay, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true),
                _ => replay,
            };
            return (tar, compression, replay);
        }
        catch (Exception ex) when (ArchiveReader.IsFormatError(ex))
        {
            // Block decoders (bzip2) decode their first block when opened: a cut there is met before any entry.
            await replay.DisposeAsync().ConfigureAwait(false);
            throw replay.ReachedEnd
                ? new PackageFormatException(PackageErrorKind.Truncated, filePath, "header of entry 1",
                    $"the archive ends too early ({compression.ToString().ToLowerInvariant()} data cut short in its first block)", ex)
                : new PackageFormatException(PackageErrorKind.Corrupt, filePath, "header of entry 1", $"the archive is corrupt ({ex.Message})", ex);
        }
    }
}
