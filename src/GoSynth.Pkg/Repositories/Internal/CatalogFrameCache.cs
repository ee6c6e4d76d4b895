using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The compressed frames of the last catalog, <c>catalog-frames</c> in the catalog's cache directory, keyed by zstd
/// level and the XxHash128 of the piece's bytes, so a rebuild compresses only pieces whose bytes changed. The file
/// names the compressor that wrote it (<see cref="CatalogCompressor.Identity"/>: another zstd may choose other bytes, so
/// its frames are not reused) and ends with an XxHash64 of everything before it; it is read only under the same
/// conditions as the catalog cache (<see cref="TrustedFile"/>). A frame is reused only after it decoded, as exactly one
/// frame, to exactly the piece's bytes: a damaged, swapped or foreign entry is compressed again, never written out.
/// Anything wrong is logged (<see cref="PkgEventIds.CatalogFramesIgnored"/>); nothing here can make a rebuild fail.
/// </summary>
internal sealed class CatalogFrameCache
{
    public const string FileName = "catalog-frames";

    private const int FormatVersion = 1;
    private const int MaxFileBytes = 1 << 30;
    private static readonly byte[] s_magic = "GoSynth catalog frames\n"u8.ToArray();

    private readonly Dictionary<(int Level, UInt128 Hash), byte[]> _frames;
    private readonly ILogger _logger;
    private int _rejected;

    private CatalogFrameCache(string path, Dictionary<(int Level, UInt128 Hash), byte[]> frames, ILogger logger)
    {
        Path = path;
        _frames = frames;
        _logger = logger;
    }

    public string Path { get; }

    /// <summary>How many frames were found for their key but did not decode to the piece.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    public static string PathFor(string directory) => System.IO.Path.Combine(directory, FileName);

    /// <summary>Loads the frames in <paramref name="directory"/>; none (with a log line saying why, unless there is no
    /// file yet) when the file is missing, cannot be trusted or was written by another compressor.</summary>
    public static CatalogFrameCache Load(string directory, ILogger logger)
    {
        var path = PathFor(directory);
        var frames = new Dictionary<(int, UInt128), byte[]>();
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return new CatalogFrameCache(path, frames, logger);
        }

        try
        {
            Parse(TrustedFile.Read(path, MaxFileBytes), frames);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or EndOfStreamException)
        {
            Log.CatalogFramesIgnored(logger, path, frames.Count, ex.Message);
            frames.Clear();
        }

        return new CatalogFrameCache(path, frames, logger);
    }

    /// <summary>The key of a piece.</summary>
    public static UInt128 Hash(ReadOnlySpan<byte> piece) => XxHash128.HashToUInt128(piece);

    /// <summary>The cached frame of <paramref name="piece"/> at <paramref name="level"/>, checked by decoding it; null
    /// when there is none or it does not decode to the piece (logged). Thread-safe.</summary>
    public byte[]? Find(int level, UInt128 hash, ReadOnlySpan<byte> piece)
    {
        if (!_frames.TryGetValue((level, hash), out var frame))
        {
            return null;
        }

        if (CatalogCompressor.DecodesTo(frame, piece))
        {
            return frame;
        }

        Interlocked.Increment(ref _rejected);
        Log.CatalogFramesIgnored(_logger, Path, 1, $"the frame cached for a piece of {piece.Length} bytes at level {level} does not decode to it");
        return null;
    }

    /// <summary>Writes <paramref name="frames"/> (the frames of the catalog just written) as the next cache.</summary>
    /// <exception cref="IOException">The directory is unsafe or the file cannot be written.</exception>
    public static void Save(string directory, IEnumerable<KeyValuePair<(int Level, UInt128 Hash), byte[]>> frames)
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            var list = frames.ToList();
            writer.Write(s_magic);
            writer.Write(FormatVersion);
            writer.Write(CatalogCompressor.Identity);
            writer.Write(list.Count);
            Span<byte> hash = stackalloc byte[16];
            foreach (var ((level, key), frame) in list)
            {
                writer.Write(level);
                BinaryPrimitives.WriteUInt128LittleEndian(hash, key);
                writer.Write(hash);
                writer.Write(frame.Length);
                writer.Write(frame);
            }
        }

        Span<byte> sum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(sum, XxHash64.HashToUInt64(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        buffer.Write(sum);
        TrustedFile.Write(PathFor(directory), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static void Parse(byte[] bytes, Dictionary<(int, UInt128), byte[]> frames)
    {
        if (bytes.Length < s_magic.Length + 8 || !bytes.AsSpan(0, s_magic.Length).SequenceEqual(s_magic))
        {
            throw new InvalidDataException("it is not a GoSynth catalog frame cache");
        }

        var body = bytes.AsSpan(0, bytes.Length - 8);
        if (XxHash64.HashToUInt64(body) != BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8)))
        {
            throw new InvalidDataException("its checksum does not match (damaged or cut short)");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, s_magic.Length, bytes.Length - 8 - s_magic.Length, writable: false), Encoding.UTF8);
        var version = reader.ReadInt32();
        var identity = reader.ReadString();
        if (version != FormatVersion || identity != CatalogCompressor.Identity)
        {
            throw new InvalidDataException($"it was written by another version or compressor (format {version}, {identity}; this is format {FormatVersion}, {CatalogCompressor.Identity})");
        }

        var count = reader.ReadInt32();
        if (count < 0 || count > bytes.Length / 28)
        {
            throw new InvalidDataException($"it claims {count} frames");
        }

        for (var i = 0; i < count; i++)
        {
            var level = reader.ReadInt32();
            var key = BinaryPrimitives.ReadUInt128LittleEndian(reader.ReadBytes(16));
            var length = reader.ReadInt32();
            if (length < 0 || length > bytes.Length)
            {
                throw new InvalidDataException($"frame {i} is malformed");
            }

            var frame = reader.ReadBytes(length);
            if (frame.Length != length || !frames.TryAdd((level, key), frame))
            {
                throw new InvalidDataException($"frame {i} is malformed or repeated");
            }
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException("it has bytes after its last frame");
        }
    }
}
