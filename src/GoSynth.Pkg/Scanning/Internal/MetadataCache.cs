using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Remembers what make printed for each (port, flavor), keyed by the port directory's fingerprint and a context key
/// (a hash of the Mk framework's fingerprint, the MAKESYSPATH stubs, the profile's variables, the make program,
/// LOCALBASE and the cached framework variables). An entry also lists what else make read from the tree (another
/// port's directory, a shared file: see <see cref="MakefileDependencies"/>) with its fingerprint then, and is valid
/// only while all of them still match. A re-scan of an unchanged tree therefore runs no make at all; a changed port
/// invalidates its own entries and those of the ports that include its files, and a changed context invalidates
/// every entry. One file per ports tree, written atomically; an unreadable file is ignored with a warning.
/// </summary>
internal sealed class MetadataCache
{
    private readonly Func<string, CancellationToken, uint> _fingerprint;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<uint>> _fingerprints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<uint>> _fileFingerprints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<QueryKey, MetadataCacheEntry> _entries = new();
    private readonly Lock _frameworkLock = new();
    private string _context = "";
    private string _frameworkKey = "";
    private ImmutableSortedDictionary<string, string>? _framework;
    private volatile bool _dirty;

    private MetadataCache(string filePath, string portsDirectory, Func<string, CancellationToken, uint> fingerprint, ILogger logger)
    {
        FilePath = filePath;
        PortsDirectory = portsDirectory;
        _fingerprint = fingerprint;
        _logger = logger;
    }

    public string FilePath { get; }

    public string PortsDirectory { get; }

    public int Count => _entries.Count;

    /// <summary>Opens (or starts) the cache of <paramref name="portsDirectory"/> in <paramref name="cacheDirectory"/>.</summary>
    public static MetadataCache Open(string cacheDirectory, string portsDirectory, Func<string, CancellationToken, uint> fingerprint, ILogger logger)
    {
        var path = Path.Combine(Path.GetFullPath(cacheDirectory), "metadata-" + MetadataCacheFile.HashText(portsDirectory) + ".cache");
        var cache = new MetadataCache(path, portsDirectory, fingerprint, logger);
        cache.Load();
        return cache;
    }

    /// <summary>The fingerprint of a directory, computed at most once per cache instance (one scan).</summary>
    public uint Fingerprint(string directory, CancellationToken cancellationToken) =>
        _fingerprints.GetOrAdd(directory, d => new Lazy<uint>(() => Directory.Exists(d) ? _fingerprint(d, cancellationToken) : 0u)).Value;

    /// <summary>Forgets the per-scan fingerprints (a new scan must see file changes).</summary>
    public void BeginScan()
    {
        _fingerprints.Clear();
        _fileFingerprints.Clear();
    }

    /// <summary>The fingerprint of a single file (see <see cref="FileFingerprint"/>), computed at most once per scan.</summary>
    public uint FileFingerprintOf(string path) =>
        _fileFingerprints.GetOrAdd(path, p => new Lazy<uint>(() => FileFingerprint.Compute(p))).Value;

    /// <summary>The current fingerprint of a dependency (a port directory or a file of the tree).</summary>
    public uint Current(string relativePath, bool isDirectory, CancellationToken cancellationToken)
    {
        var full = PortsDirectory + "/" + relativePath;
        return isDirectory ? Fingerprint(full, cancellationToken) : FileFingerprintOf(full);
    }

    /// <summary>Fingerprints the dependencies named by make's makefile list, to be stored with an answer.</summary>
    public ImmutableArray<MakefileDependency> FingerprintDependencies(IEnumerable<(string Path, bool IsDirectory)> dependencies, CancellationToken cancellationToken) =>
        [.. dependencies.Select(d => new MakefileDependency(d.Path, d.IsDirectory, Current(d.Path, d.IsDirectory, cancellationToken)))];

    public bool TryGetFramework(string key, out ImmutableSortedDictionary<string, string> variables)
    {
        lock (_frameworkLock)
        {
            if (_framework is not null && _frameworkKey == key)
            {
                variables = _framework;
                return true;
            }
        }

        variables = ImmutableSortedDictionary<string, string>.Empty;
        return false;
    }

    public void PutFramework(string key, ImmutableSortedDictionary<string, string> variables)
    {
        lock (_frameworkLock)
        {
            _frameworkKey = key;
            _framework = variables;
            _dirty = true;
        }
    }

    /// <summary>Sets the context key entries must match from now on.</summary>
    public void SetContext(string context)
    {
        if (_context != context)
        {
            _context = context;
            _dirty = true;
        }
    }

    /// <summary>The cached answer, when the port, the context and every other directory or file make read are unchanged.</summary>
    public bool TryGet(QueryKey key, uint fingerprint, CancellationToken cancellationToken, out RawMakeOutput output)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Fingerprint == fingerprint && entry.Context == _context
            && entry.Dependencies.All(d => Current(d.Path, d.IsDirectory, cancellationToken) == d.Fingerprint))
        {
            output = entry.Output;
            return true;
        }

        output = null!;
        return false;
    }

    public void Put(QueryKey key, uint fingerprint, RawMakeOutput output, ImmutableArray<MakefileDependency> dependencies)
    {
        _entries[key] = new MetadataCacheEntry(_context, fingerprint, output, dependencies);
        _dirty = true;
    }

    /// <summary>Writes the entries of the current context, atomically (temp file + rename). Failures are logged, never thrown.</summary>
    public void Save()
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            ImmutableSortedDictionary<string, string>? framework;
            string frameworkKey;
            lock (_frameworkLock)
            {
                framework = _framework;
                frameworkKey = _frameworkKey;
            }

            var entries = _entries.Where(e => e.Value.Context == _context).ToList();
            MetadataCacheFile.Write(FilePath, PortsDirectory, _context, frameworkKey, framework, entries);
            _dirty = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.MetadataCacheSaveFailed(_logger, FilePath, ex.Message);
        }
    }

    private void Load()
    {
        if (!File.Exists(FilePath))
        {
            return;
        }

        try
        {
            var content = MetadataCacheFile.Read(FilePath, PortsDirectory);
            _context = content.Context;
            _frameworkKey = content.FrameworkKey;
            _framework = content.Framework;
            foreach (var (key, entry) in content.Entries)
            {
                _entries[key] = entry;
            }

            Log.MetadataCacheLoaded(_logger, FilePath, _entries.Count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            Log.MetadataCacheIgnored(_logger, FilePath, ex.Message);
            _entries.Clear();
            _framework = null;
            _frameworkKey = "";
            _context = "";
        }
    }
}
