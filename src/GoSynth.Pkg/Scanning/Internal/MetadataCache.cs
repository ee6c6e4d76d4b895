using System.Collections.Concurrent;
using System.Collections.Immutable;
using GoSynth.Pkg.Fingerprints.Internal;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Remembers what make printed for each (port, flavor), keyed by the port directory's fingerprint and a context key
/// (a hash of the Mk framework's fingerprint, the MAKESYSPATH stubs, the make.conf's content, the profile's variables, the make program,
/// LOCALBASE and the cached framework variables). An entry also lists what else make read from the tree (another
/// port's directory, a shared file: see <see cref="MakefileDependencies"/>) with its fingerprint then, and is valid
/// only while all of them still match. A re-scan of an unchanged tree therefore runs no make at all; a changed port
/// invalidates its own entries and those of the ports that include its files, and a changed context invalidates
/// every entry of other contexts. Up to <see cref="MaxContexts"/> contexts (and as many framework variable sets) are
/// kept, least recently used dropped first, so switching <c>Mk/</c>, the profile or the make.conf back and forth stays
/// warm. Only answers that are a property of the files are stored: a make that exited (with any status); never one
/// killed by the timeout, the no-output watchdog or a signal. One file per ports tree, in a private directory, written
/// atomically; an unreadable file is ignored with a warning.
/// <para>
/// A scan uses one context, known only once the framework probe has run: the file's entries are therefore loaded as one
/// block of bytes per context (<see cref="MetadataCacheBlock"/>), a context's block is parsed when the context is set,
/// and the blocks of contexts this scan never set are written back as they were read.
/// </para>
/// <para>
/// Fingerprints go through stamps (<see cref="FingerprintStamp"/>), kept in the same file: a directory or file whose
/// entries all have the stat data they had when it was last fingerprinted (size, times with nanoseconds, inode, device,
/// mode) and whose stamp is not racy keeps its fingerprint without being read, so a re-scan of an unchanged tree costs a
/// directory listing and one stat per file. A stamp is racy (read again next time) when a file's modification or change
/// time is within <see cref="FingerprintStamp.RacyWindowNanoseconds"/> of the scan's start or of the cache file's own
/// write time.
/// </para>
/// <para>
/// The file is trusted only when it is a regular file in the checked private directory, owned by the directory's owner
/// (the user) and not writable by group or others, and its checksum matches; anything else is ignored with a warning
/// and replaced by this scan's.
/// </para>
/// </summary>
internal sealed partial class MetadataCache
{
    /// <summary>How many contexts (and framework variable sets) the cache keeps.</summary>
    public const int MaxContexts = 4;

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, FingerprintStamp> _stamps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FingerprintStamp> _scanStamps = new(StringComparer.Ordinal);
    private long _racyFrom = long.MinValue;
    private readonly ConcurrentDictionary<string, Lazy<uint>> _fingerprints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<uint>> _fileFingerprints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Context, QueryKey Key), MetadataCacheEntry> _entries = new();
    private readonly Lock _lock = new();
    private readonly List<string> _contexts = [];
    private readonly Dictionary<string, MetadataCacheBlock> _unparsed = new(StringComparer.Ordinal);
    private readonly List<string> _parsed = [];
    private readonly List<KeyValuePair<string, ImmutableSortedDictionary<string, string>>> _frameworks = [];
    private volatile string _context = "";
    private volatile bool _dirty;

    private MetadataCache(string filePath, string portsDirectory, ILogger logger, TimeProvider timeProvider)
    {
        FilePath = filePath;
        PortsDirectory = portsDirectory;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public string FilePath { get; }

    public string PortsDirectory { get; }

    public int Count => _entries.Count;

    /// <summary>The loaded contexts whose entries were parsed (those set by <see cref="SetContext"/>), in order; for tests and measurements.</summary>
    public IReadOnlyList<string> ParsedContexts
    {
        get
        {
            lock (_lock)
            {
                return [.. _parsed];
            }
        }
    }

    /// <summary>Opens (or starts) the cache of <paramref name="portsDirectory"/> in <paramref name="cacheDirectory"/>.</summary>
    public static MetadataCache Open(string cacheDirectory, string portsDirectory, ILogger logger, TimeProvider? timeProvider = null)
    {
        var path = Path.Combine(Path.GetFullPath(cacheDirectory), "metadata-" + MetadataCacheFile.HashText(portsDirectory) + ".cache");
        var cache = new MetadataCache(path, portsDirectory, logger, timeProvider ?? TimeProvider.System);
        cache.Load();
        return cache;
    }

    /// <summary>The fingerprint of a directory, computed at most once per cache instance (one scan), through its stamp.</summary>
    public uint Fingerprint(string directory, CancellationToken cancellationToken) =>
        _fingerprints.GetOrAdd(directory, d => new Lazy<uint>(() => Directory.Exists(d) ? Stamp(d, isDirectory: true, cancellationToken) : 0u)).Value;

    /// <summary>
    /// Forgets the per-scan fingerprints (a new scan must see file changes) and takes the scan's start for the racy rule:
    /// a file changed since shortly before now is read again by the next scan.
    /// </summary>
    public void BeginScan()
    {
        _fingerprints.Clear();
        _fileFingerprints.Clear();
        foreach (var (key, stamp) in _scanStamps)
        {
            _stamps[key] = stamp;
        }

        _scanStamps.Clear();
        var now = _timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch;
        _racyFrom = (now.Ticks * 100) - FingerprintStamp.RacyWindowNanoseconds;
    }

    /// <summary>The fingerprint of a single file (see <see cref="FileFingerprint"/>), computed at most once per scan, through its stamp.</summary>
    public uint FileFingerprintOf(string path) =>
        _fileFingerprints.GetOrAdd(path, p => new Lazy<uint>(() => Stamp(p, isDirectory: false, CancellationToken.None))).Value;

    /// <summary>The current fingerprint of a dependency (a port directory or a file of the tree).</summary>
    public uint Current(string relativePath, bool isDirectory, CancellationToken cancellationToken)
    {
        var full = PortsDirectory + "/" + relativePath;
        return isDirectory ? Fingerprint(full, cancellationToken) : FileFingerprintOf(full);
    }

    /// <summary>Fingerprints the dependencies named by make's makefile list, to be stored with an answer.</summary>
    public ImmutableArray<MakefileDependency> FingerprintDependencies(IEnumerable<(string Path, bool IsDirectory)> dependencies, CancellationToken cancellationToken) =>
        [.. dependencies.Select(d => new MakefileDependency(d.Path, d.IsDirectory, Current(d.Path, d.IsDirectory, cancellationToken)))];

    /// <summary>The contexts kept, most recently used first.</summary>
    public IReadOnlyList<string> Contexts
    {
        get
        {
            lock (_lock)
            {
                return [.. _contexts];
            }
        }
    }

    public bool TryGetFramework(string key, out ImmutableSortedDictionary<string, string> variables)
    {
        lock (_lock)
        {
            var index = _frameworks.FindIndex(f => f.Key == key);
            if (index >= 0)
            {
                var found = _frameworks[index];
                MoveToFront(_frameworks, index, found);
                variables = found.Value;
                return true;
            }
        }

        variables = ImmutableSortedDictionary<string, string>.Empty;
        return false;
    }

    public void PutFramework(string key, ImmutableSortedDictionary<string, string> variables)
    {
        lock (_lock)
        {
            _frameworks.RemoveAll(f => f.Key == key);
            _frameworks.Insert(0, new(key, variables));
            if (_frameworks.Count > MaxContexts)
            {
                _frameworks.RemoveRange(MaxContexts, _frameworks.Count - MaxContexts);
            }

            _dirty = true;
        }
    }

    /// <summary>Sets the context key entries must match from now on; it becomes the most recently used one.</summary>
    public void SetContext(string context)
    {
        lock (_lock)
        {
            var index = _contexts.IndexOf(context);
            if (index != 0)
            {
                if (index > 0)
                {
                    _contexts.RemoveAt(index);
                }

                _contexts.Insert(0, context);
                _dirty = true;
            }

            if (_contexts.Count > MaxContexts)
            {
                var dropped = _contexts.Skip(MaxContexts).ToHashSet(StringComparer.Ordinal);
                _contexts.RemoveRange(MaxContexts, _contexts.Count - MaxContexts);
                foreach (var key in _entries.Keys.Where(k => dropped.Contains(k.Context)))
                {
                    _entries.TryRemove(key, out _);
                }

                foreach (var key in dropped)
                {
                    _unparsed.Remove(key);
                }
            }

            if (_unparsed.Remove(context, out var block))
            {
                Parse(block);
            }

            _context = context;
        }
    }

    /// <summary>The cached answer, when the port, the context and every other directory or file make read are unchanged.</summary>
    public bool TryGet(QueryKey key, uint fingerprint, CancellationToken cancellationToken, out RawMakeOutput output)
    {
        if (_entries.TryGetValue((_context, key), out var entry) && entry.Fingerprint == fingerprint
            && entry.Dependencies.All(d => Current(d.Path, d.IsDirectory, cancellationToken) == d.Fingerprint))
        {
            output = entry.Output;
            return true;
        }

        output = null!;
        return false;
    }

    /// <summary>
    /// Stores an answer of the current context, when it is a property of the files (make exited by itself, with any
    /// status); an answer cut short by the timeout, the watchdog or a signal is not stored, and drops an older one.
    /// </summary>
    /// <returns>True when the answer was stored.</returns>
    public bool Put(QueryKey key, uint fingerprint, RawMakeOutput output, ImmutableArray<MakefileDependency> dependencies)
    {
        var context = _context;
        if (!IsCacheable(output))
        {
            _entries.TryRemove((context, key), out _);
            return false;
        }

        _entries[(context, key)] = new MetadataCacheEntry(context, fingerprint, output, dependencies);
        _dirty = true;
        return true;
    }

    /// <summary>True when make ended by itself: its answer (even an error) follows from the files and the context.</summary>
    public static bool IsCacheable(RawMakeOutput output) => output.Outcome == GoSynth.Environment.Processes.ProcessOutcome.Exited;

    /// <summary>Writes every kept context, atomically (temp file + rename). Failures are logged, never thrown.</summary>
    public void Save()
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            List<KeyValuePair<string, ImmutableSortedDictionary<string, string>>> frameworks;
            List<string> contexts;
            Dictionary<string, MetadataCacheBlock> unparsed;
            lock (_lock)
            {
                frameworks = [.. _frameworks];
                contexts = [.. _contexts];
                unparsed = new(_unparsed, StringComparer.Ordinal);
            }

            var entries = _entries.Select(e => new KeyValuePair<QueryKey, MetadataCacheEntry>(e.Key.Key, e.Value)).ToList();
            MetadataCacheFile.Write(FilePath, PortsDirectory, frameworks, contexts, entries, StampsToKeep(entries, unparsed.Values), unparsed);
            _dirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.MetadataCacheSaveFailed(_logger, FilePath, ex.Message);
        }
    }

    /// <summary>
    /// Parses a loaded context's entries (under the lock). The file's checksum and every entry's structure were checked
    /// at load, so this fails only on a defect; the context's entries are then dropped (its ports are queried again).
    /// </summary>
    private void Parse(MetadataCacheBlock block)
    {
        _parsed.Add(block.Context);
        try
        {
            foreach (var (key, entry) in MetadataCacheFile.ParseBlock(block))
            {
                if (IsCacheable(entry.Output))
                {
                    _entries[(entry.Context, key)] = entry;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            Log.MetadataCacheIgnored(_logger, FilePath, "the entries of a context cannot be read (" + ex.Message + ")");
            foreach (var key in _entries.Keys.Where(k => k.Context == block.Context))
            {
                _entries.TryRemove(key, out _);
            }

            _dirty = true;
        }
    }

    private static void MoveToFront<T>(List<T> list, int index, T item)
    {
        if (index > 0)
        {
            list.RemoveAt(index);
            list.Insert(0, item);
        }
    }

    private void Load()
    {
        if (!File.Exists(FilePath) && !IsLink(FilePath))
        {
            return;
        }

        try
        {
            var written = CheckTrusted();
            var content = MetadataCacheFile.ReadBlocks(FilePath, PortsDirectory);
            LoadStamps(content.Stamps, written);
            _frameworks.AddRange(content.Frameworks.Take(MaxContexts));
            foreach (var block in content.Contexts.Take(MaxContexts))
            {
                // A context named twice (GoSynth never writes one) keeps its first block, the most recently used.
                if (_unparsed.TryAdd(block.Context, block))
                {
                    _contexts.Add(block.Context);
                }
            }

            Log.MetadataCacheLoaded(_logger, FilePath, _unparsed.Values.Sum(b => b.Count));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            Log.MetadataCacheIgnored(_logger, FilePath, ex.Message);
            _entries.Clear();
            _frameworks.Clear();
            _contexts.Clear();
            _unparsed.Clear();
            _stamps.Clear();
            _dirty = true;
        }
    }
}
