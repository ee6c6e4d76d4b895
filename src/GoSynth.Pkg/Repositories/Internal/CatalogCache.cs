using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The side cache of a repository catalog, <c>.gosynth/catalog-cache-&lt;hash of the repository root&gt;</c> in the
/// packages directory (pkg repo and the scanner skip dot-directories; the hash lets repositories share a configured
/// cache directory): for each package file its stat data, SHA-256, size, name and catalog line, so a
/// rebuild reads only files whose stat data changed. Like git's index it records when its stat data was taken (the
/// file system's own clock, read from the mtime of the cache file created before any file is examined); an entry
/// whose mtime or ctime is not strictly older than that is racy (the file may have changed within the same clock
/// tick) and is read again. The file is binary, versioned and ends with an XxHash64 of everything before it; it is
/// trusted only when it is a regular file owned by this user and not writable by group or others, in a private
/// directory. Anything else is ignored with a log line and rebuilt; nothing here can make a rebuild fail.
/// </summary>
internal sealed class CatalogCache
{
    public const string DirectoryName = ".gosynth";
    public const string FileName = "catalog-cache";

    /// <summary>Bump when the file layout or what a catalog line holds changes (<see cref="CatalogLineWriter"/>).</summary>
    private const int FormatVersion = 1;
    private const int MaxFileBytes = 1 << 30;
    private static readonly byte[] s_magic = "GoSynth catalog cache\n"u8.ToArray();

    private CatalogCache(string path, Dictionary<string, CatalogCacheRecord> records, long snapshotNs)
    {
        Path = path;
        Records = records;
        SnapshotNs = snapshotNs;
    }

    public string Path { get; }

    /// <summary>The cached records by repository-relative path.</summary>
    public IReadOnlyDictionary<string, CatalogCacheRecord> Records { get; }

    /// <summary>When the stat data was taken (ns, file system clock).</summary>
    public long SnapshotNs { get; }

    /// <summary>The cache directory of a repository when none is configured: <c>&lt;packages&gt;/.gosynth</c>.</summary>
    public static string DefaultDirectory(string root) => System.IO.Path.Combine(root, DirectoryName);

    /// <summary>The cache file of the repository <paramref name="root"/> in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string root) => System.IO.Path.Combine(directory, FileName + "-" + RootHash(root));

    /// <summary>What names a repository's side-cache files: the XxHash64 (hex) of its full path without a trailing
    /// separator, so repositories sharing a cache directory keep their own files.</summary>
    internal static string RootHash(string root) =>
        Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(root)))));

    /// <summary>The record for <paramref name="path"/> when the file's current stat data says it is unchanged and
    /// was not racy when the cache was written.</summary>
    public CatalogCacheRecord? Unchanged(string path, in FileStamp current)
    {
        if (!Records.TryGetValue(path, out var record) || record.Stamp != current)
        {
            return null;
        }

        return record.Stamp.MtimeNs < SnapshotNs && record.Stamp.CtimeNs < SnapshotNs ? record : null;
    }

    /// <summary>Loads the cache in <paramref name="directory"/>; an empty one (with a log line saying why, unless there is
    /// simply none yet) when it is missing or cannot be trusted.</summary>
    /// <param name="directory">The cache directory (<see cref="DefaultDirectory"/> unless configured).</param>
    /// <param name="root">The repository (packages directory) the cache is for.</param>
    /// <param name="maxEntryBytes">The manifest limit of this rebuild: lines cached under another limit are not reused
    /// (a package a lower limit refuses must not stay in the catalog through the cache).</param>
    /// <param name="logger">Told why a cache is ignored.</param>
    public static CatalogCache Load(string directory, string root, int maxEntryBytes, ILogger logger)
    {
        var path = PathFor(directory, root);
        var empty = new CatalogCache(path, new Dictionary<string, CatalogCacheRecord>(StringComparer.Ordinal), long.MinValue);
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return empty;
        }

        try
        {
            var bytes = TrustedFile.Read(path, MaxFileBytes);
            var (records, snapshot) = Parse(bytes, KeyFor(maxEntryBytes));
            return new CatalogCache(path, records, snapshot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or EndOfStreamException)
        {
            Log.CatalogCacheIgnored(logger, path, ex.Message);
            return empty;
        }
    }

    /// <summary>Starts the next cache: creates its temporary file in the private directory and reads the file system's
    /// time from it, before any package file is examined. Null (with a log line) when the directory is unsafe.</summary>
    public static Writer? Begin(string directory, string root, int maxEntryBytes, ILogger logger)
    {
        var path = PathFor(directory, root);
        try
        {
            var temp = TrustedFile.CreateTemporary(path, out var stream);
            return new Writer(path, temp, stream, FileStamp.Of(stream.SafeFileHandle).MtimeNs, KeyFor(maxEntryBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CatalogCacheSaveFailed(logger, path, ex.Message);
            return null;
        }
    }

    private static (Dictionary<string, CatalogCacheRecord> Records, long SnapshotNs) Parse(byte[] bytes, string expectedKey)
    {
        using var reader = TrustedFile.Open(bytes, s_magic, "a GoSynth catalog cache");
        var version = reader.ReadInt32();
        var key = reader.ReadString();
        if (version != FormatVersion || key != expectedKey)
        {
            throw new InvalidDataException($"it was written by another version or limit (format {version}, {key}; this is format {FormatVersion}, {expectedKey})");
        }

        var snapshot = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count < 0 || count > bytes.Length / 64)
        {
            throw new InvalidDataException($"it claims {count} entries");
        }

        var records = new Dictionary<string, CatalogCacheRecord>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var stamp = new FileStamp(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadUInt64(), reader.ReadUInt64());
            var sha = reader.ReadBytes(32);
            var size = reader.ReadInt64();
            var name = reader.ReadString();
            var length = reader.ReadInt32();
            if (sha.Length != 32 || length < 0 || length > bytes.Length)
            {
                throw new InvalidDataException($"entry {i} is malformed");
            }

            var line = reader.ReadBytes(length);
            if (line.Length != length || !records.TryAdd(path, new CatalogCacheRecord(stamp, sha, size, name, line)))
            {
                throw new InvalidDataException($"entry {i} ('{path}') is malformed or repeated");
            }
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException("it has bytes after its last entry");
        }

        return (records, snapshot);
    }

    /// <summary>What, besides the format, decides the bytes of a cached line or frame: the library that wrote it.</summary>
    internal static string VersionKey { get; } =
        "GoSynth.Pkg " + (typeof(CatalogCache).Assembly.GetName().Version?.ToString() ?? "?");

    private static string KeyFor(int maxEntryBytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{VersionKey}, manifest limit {maxEntryBytes}");

    /// <summary>The next cache, open from <see cref="Begin"/> until <see cref="Commit"/> or disposal.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly string _path;
        private readonly string _temp;
        private readonly FileStream _stream;
        private bool _committed;

        private readonly string _key;

        internal Writer(string path, string temp, FileStream stream, long snapshotNs, string key)
        {
            _key = key;
            _path = path;
            _temp = temp;
            _stream = stream;
            SnapshotNs = snapshotNs;
        }

        public string Path => _path;

        /// <summary>The file system's time when this cache was begun (ns).</summary>
        public long SnapshotNs { get; }

        /// <summary>Writes the records (in the given order) and renames the file into place.</summary>
        public void Commit(IEnumerable<KeyValuePair<string, CatalogCacheRecord>> records)
        {
            var buffer = TrustedFile.Begin(s_magic);
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                var list = records.ToList();
                writer.Write(FormatVersion);
                writer.Write(_key);
                writer.Write(SnapshotNs);
                writer.Write(list.Count);
                foreach (var (path, r) in list)
                {
                    writer.Write(path);
                    writer.Write(r.Stamp.Size);
                    writer.Write(r.Stamp.MtimeNs);
                    writer.Write(r.Stamp.CtimeNs);
                    writer.Write(r.Stamp.Inode);
                    writer.Write(r.Stamp.Device);
                    writer.Write(r.Sha256);
                    writer.Write(r.PackageSize);
                    writer.Write(r.Name);
                    writer.Write(r.Line.Length);
                    writer.Write(r.Line);
                }
            }

            _stream.Write(TrustedFile.Seal(buffer));
            _stream.Dispose();
            File.Move(_temp, _path, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            _stream.Dispose();
            if (!_committed)
            {
                File.Delete(_temp);
            }
        }
    }
}
