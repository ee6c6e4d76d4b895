using System.Formats.Tar;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Streams the entries of a package archive, turning every decompression and tar error into a
/// <see cref="PackageFormatException"/> that names the file and the entry being read.
/// </summary>
internal sealed class ArchiveReader : IAsyncDisposable
{
    /// <summary>Manifests are small; anything above this is refused rather than buffered.</summary>
    public const int MaxManifestBytes = 64 * 1024 * 1024;

    private readonly Stream _raw;
    private readonly PrefixedStream _source;
    private readonly Stream _tar;
    private readonly TarReader _reader;
    private readonly bool _leaveOpen;
    private string? _lastEntry;
    private int _count;

    private ArchiveReader(Stream raw, PrefixedStream source, Stream tar, PackageCompression compression, string filePath, bool leaveOpen)
    {
        _raw = raw;
        _source = source;
        _tar = tar;
        _leaveOpen = leaveOpen;
        Compression = compression;
        FilePath = filePath;
        _reader = new TarReader(tar, leaveOpen: true);
        DecoderName = (tar is ReadAheadStream ahead ? ahead.Source : tar).GetType().Name;
    }

    /// <summary>The decompressor in use (its type name), for diagnostics and tests.</summary>
    public string DecoderName { get; }

    public string FilePath { get; }

    public PackageCompression Compression { get; }

    public static async Task<ArchiveReader> OpenAsync(
        Stream raw, string filePath, bool leaveOpen, CancellationToken cancellationToken, bool readAhead = false, DecoderChoice decoders = DecoderChoice.Auto)
    {
        var (tar, compression, source) = await CompressionSniffer.OpenAsync(raw, filePath, leaveOpen: true, cancellationToken, decoders).ConfigureAwait(false);
        if (readAhead && compression != PackageCompression.None)
        {
            tar = new ReadAheadStream(tar);
        }

        return new ArchiveReader(raw, source, tar, compression, filePath, leaveOpen);
    }

    /// <summary>Opens a package file. <paramref name="readAhead"/> decompresses on a second core while the caller
    /// works on the entries (for whole-archive reads; manifest-only reads should not pay for it).</summary>
    public static async Task<ArchiveReader> OpenFileAsync(
        string path, CancellationToken cancellationToken, bool readAhead = false, DecoderChoice decoders = DecoderChoice.Auto)
    {
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 1 << 16,
            Options = FileOptions.SequentialScan | FileOptions.Asynchronous,
        });
        try
        {
            return await OpenAsync(file, path, leaveOpen: false, cancellationToken, readAhead, decoders).ConfigureAwait(false);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next entry, or <see langword="null"/> at the end of the archive.</summary>
    public async Task<TarEntry?> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            var entry = await _reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            _lastEntry = entry?.Name;
            _count++;
            return entry;
        }
        catch (Exception ex) when (IsFormatError(ex))
        {
            throw Wrap(ex, _lastEntry is null ? $"header of entry {_count + 1}" : $"header after '{_lastEntry}'");
        }
    }

    /// <summary>Reads a whole (small) entry into memory.</summary>
    public async Task<byte[]> ReadAllAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Length > MaxManifestBytes)
        {
            throw new PackageFormatException(PackageErrorKind.TooLarge, FilePath, entry.Name,
                $"the member claims {entry.Length} bytes, more than the {MaxManifestBytes} bytes a metadata member may have");
        }

        var data = new byte[entry.Length];
        if (entry.DataStream is null)
        {
            return data;
        }

        try
        {
            await entry.DataStream.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFormatError(ex))
        {
            throw Wrap(ex, entry.Name);
        }

        return data;
    }

    /// <summary>Reads through an entry's data without keeping it; an entry that ends before its declared length is
    /// <see cref="PackageErrorKind.Truncated"/> (some decoders end quietly when their input is cut).</summary>
    public async Task SkipAsync(TarEntry entry, byte[] buffer, CancellationToken cancellationToken)
    {
        if (entry.DataStream is not { } data)
        {
            return;
        }

        var left = entry.Length;
        while (left > 0)
        {
            int n;
            try
            {
                n = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsFormatError(ex))
            {
                throw Wrap(ex, entry.Name);
            }

            if (n == 0)
            {
                throw new PackageFormatException(PackageErrorKind.Truncated, FilePath, entry.Name,
                    $"the archive ends {left} bytes before the end of this entry");
            }

            left -= n;
        }
    }

    /// <summary>The typed error for a failure while reading: <see cref="PackageErrorKind.Truncated"/> whenever the
    /// decompressor (or the tar reader) had asked for more bytes than the file holds, whatever the compression and
    /// however its decoder words it; <see cref="PackageErrorKind.Corrupt"/> otherwise.</summary>
    public PackageFormatException Wrap(Exception ex, string? entryName) => ex switch
    {
        PackageFormatException p => p,
        _ when ex is EndOfStreamException || _source.ReachedEnd => new PackageFormatException(
            PackageErrorKind.Truncated, FilePath, entryName,
            Compression == PackageCompression.None ? "the archive ends too early" : $"the archive ends too early ({Compression.ToString().ToLowerInvariant()} data cut short)", ex),
        _ => new PackageFormatException(PackageErrorKind.Corrupt, FilePath, entryName, $"the archive is corrupt ({ex.Message})", ex),
    };

    public static bool IsFormatError(Exception ex) => ex is not OperationCanceledException and not OutOfMemoryException
        and not UnauthorizedAccessException and not FileNotFoundException and not DirectoryNotFoundException;

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _tar.DisposeAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _raw.DisposeAsync().ConfigureAwait(false);
        }
    }
}
