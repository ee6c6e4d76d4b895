using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The compressed frames of the last catalog, <c>catalog-frames-&lt;hash of the repository root&gt;</c> in the catalog's
/// cache directory (<see cref="CatalogCache.RootHash"/>), keyed by zstd level and the XxHash128 of the piece's bytes,
/// so a rebuild compresses only pieces whose bytes changed. The file
/// names the library and the compressor that wrote it (<see cref="CatalogCache.VersionKey"/> and
/// <see cref="CatalogCompressor.Identity"/>: another GoSynth may set zstd up otherwise and another zstd may choose other
/// bytes, and a frame that decodes to the piece proves its content, not that it is the frame this one would write; so
/// such frames are not reused) and ends with an XxHash64 of everything before it; it is read only under the same
/// conditions as the catalog cache (<see cref="TrustedFile"/>). A frame is reused only after it decoded, as exactly one
/// frame, to exactly the piece's bytes: a damaged, swapped or foreign entry is compressed again, never written out.
/// Anything wrong is logged (<see cref="PkgEventIds.CatalogFramesIgnored"/>; frames that fail the check in one line
/// with their count); nothing here can make a rebuild fail.
/// </summary>
internal sealed class CatalogFrameCache
{
    public const string FileName = "catalog-frames";

    private const int FormatVersion = 1;
    private const int MaxFileBytes = 1 << 30;
    private static readonly byte[] s_magic = "GoSynth catalog frames\n"u8.ToArray();

    private readonly Dictionary<(int Level, UInt128 Hash), byte[]> _frames;
    private readonly ILogger _logger;

    private CatalogFrameCache(string path, Dictionary<(int Level, UInt128 Hash), byte[]> frames, ILogger logger)
    {
        Path = path;
        _frames = frames;
        _logger = logger;
    }

    public string Path { get; }

    /// <summary>How many frames it holds.</summary>
    public int Count => _frames.Count;

    /// <summary>The frame cache file of the repository <paramref name="root"/> in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string root) => System.IO.Path.Combine(directory, FileName + "-" + CatalogCache.RootHash(root));

    /// <summary>Loads the frames in <paramref name="directory"/>; none (with a log line saying why, unless there is no
    /// file yet) when the file is missing, cannot be trusted or was written by another compressor.</summary>
    public static CatalogFrameCache Load(string directory, string root, ILogger logger)
    {
        var path = PathFor(directory, root);
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

    /// <summary>The frame cached for a piece with this hash at <paramref name="level"/>, unchecked: the caller decodes it
    /// before use (<see cref="CatalogFrames.Fill"/>). Thread-safe.</summary>
    public bool TryGet(int level, UInt128 hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? frame) =>
        _frames.TryGetValue((level, hash), out frame);

    /// <summary>Logs, once, that <paramref name="count"/> cached frames did not decode to their pieces.</summary>
    public void LogRejected(int count) =>
        Log.CatalogFramesIgnored(_logger, Path, count, "they do not decode, as exactly one frame, to the pieces they are filed under");

    /// <summary>What, besides the level and the piece, decides a frame's bytes: this library and its compressor.</summary>
    internal static string Key => CatalogCache.VersionKey + ", " + CatalogCompressor.Identity;

    /// <summary>Writes <paramref name="frames"/> (the frames of the catalog just written) as the next cache.</summary>
    /// <param name="directory">The cache directory.</param>
    /// <param name="root">The repository the frames are for.</param>
    /// <param name="frames">The frames by (level, piece hash).</param>
    /// <param name="key">The writer named in the file; <see cref="Key"/> unless a test forges another.</param>
    /// <exception cref="IOException">The directory is unsafe or the file cannot be written.</exception>
    public static void Save(string directory, string root, IEnumerable<KeyValuePair<(int Level, UInt128 Hash), byte[]>> frames, string? key = null)
    {
        var buffer = TrustedFile.Begin(s_magic);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            var list = frames.ToList();
            writer.Write(FormatVersion);
            writer.Write(key ?? Key);
            writer.Write(list.Count);
            Span<byte> hash = stackalloc byte[16];
            foreach (var ((level, pieceHash), frame) in list)
            {
                writer.Write(level);
                BinaryPrimitives.WriteUInt128LittleEndian(hash, pieceHash);
                writer.Write(hash);
                writer.Write(frame.Length);
                writer.Write(frame);
            }
        }

        TrustedFile.Write(PathFor(directory, root), TrustedFile.Seal(buffer));
    }

    private static void Parse(byte[] bytes, Dictionary<(int, UInt128), byte[]> frames)
    {
        using var reader = TrustedFile.Open(bytes, s_magic, "a GoSynth catalog frame cache");
        var version = reader.ReadInt32();
        var writer = reader.ReadString();
        if (version != FormatVersion || writer != Key)
        {
            throw new InvalidDataException($"it was written by another version or compressor (format {version}, {writer}; this is format {FormatVersion}, {Key})");
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
