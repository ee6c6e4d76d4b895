using System.Globalization;
using GoSynth.Environment.Files;
using GoSynth.Pkg.Fingerprints.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>The stamps behind the fingerprints, and the checks before the cache file is trusted.</summary>
internal sealed partial class MetadataCache
{
    private const int WritableByOthers = 0x12; // S_IWGRP | S_IWOTH

    /// <summary>The stamp of a directory or file as this scan computed it (null before): the scanner takes each port
    /// directory's fingerprint from it (<see cref="PortScanner"/>) instead of computing it again.</summary>
    public FingerprintStamp? ScanStamp(string path) => _scanStamps.GetValueOrDefault(path);

    /// <summary>How many directories and files this scan had to read (a stamp missing, changed or racy).</summary>
    public int ReadCount => _reads;

    private int _reads;

    private uint Stamp(string path, bool isDirectory, CancellationToken cancellationToken)
    {
        var previous = _stamps.GetValueOrDefault(path);
        var stamp = isDirectory
            ? StampedFingerprint.OfDirectory(path, previous, _racyFrom, cancellationToken)
            : FileFingerprint.Compute(path, previous, _racyFrom);
        _scanStamps[path] = stamp;
        if (!ReferenceEquals(stamp, previous))
        {
            Interlocked.Increment(ref _reads);
            _dirty = true;
        }

        return stamp.Fingerprint;
    }

    /// <summary>
    /// The stamps to write: this scan's, and the loaded ones of directories and files a kept entry names (its port, what
    /// else make read for it); a stamp nothing refers to any more (a removed port) is dropped.
    /// <para>
    /// Stamps are shared by the contexts: those the entries of a context this scan did not use (still unparsed bytes)
    /// name are kept too, from the names their block recorded at load.
    /// </para>
    /// </summary>
    private List<KeyValuePair<string, FingerprintStamp>> StampsToKeep(List<KeyValuePair<QueryKey, MetadataCacheEntry>> entries, IEnumerable<MetadataCacheBlock> unparsed)
    {
        var kept = new Dictionary<string, FingerprintStamp>(_scanStamps, StringComparer.Ordinal);
        foreach (var block in unparsed)
        {
            foreach (var name in block.Names)
            {
                Keep(PortsDirectory + "/" + name);
            }
        }

        foreach (var (key, entry) in entries)
        {
            Keep(PortsDirectory + "/" + key.Origin);
            foreach (var dependency in entry.Dependencies)
            {
                Keep(PortsDirectory + "/" + dependency.Path);
            }
        }

        return [.. kept];

        void Keep(string path)
        {
            if (!kept.ContainsKey(path) && _stamps.TryGetValue(path, out var stamp))
            {
                kept[path] = stamp;
            }
        }
    }

    /// <summary>
    /// Loads the stamps, applying git's racy rule against the file's own write time: a stamp with a file changed within
    /// <see cref="FingerprintStamp.RacyWindowNanoseconds"/> before the cache was written (or later) is read again.
    /// </summary>
    private void LoadStamps(IReadOnlyList<KeyValuePair<string, FingerprintStamp>> stamps, long writtenNanoseconds)
    {
        var racyFrom = writtenNanoseconds - FingerprintStamp.RacyWindowNanoseconds;
        foreach (var (path, stamp) in stamps)
        {
            _stamps[path] = stamp.WithRacyFrom(racyFrom);
        }
    }

    /// <summary>
    /// Checks the cache file before it is read: the directory passes <see cref="PrivateDirectory.Check"/>, and the file is
    /// a regular file (not a link) owned by the directory's owner and not writable by group or others. Returns its
    /// modification time (ns since the epoch).
    /// </summary>
    /// <exception cref="InvalidDataException">The file must not be trusted; the message says why.</exception>
    private long CheckTrusted()
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        PrivateDirectory.Check(directory);
        if (!FileStatus.IsSupported)
        {
            return File.GetLastWriteTimeUtc(FilePath).Subtract(DateTime.UnixEpoch).Ticks * 100;
        }

        if (!FileStatus.TryGet(directory, followLinks: false, out var owner) || !FileStatus.TryGet(FilePath, followLinks: false, out var file))
        {
            throw new InvalidDataException("its status cannot be read");
        }

        if (!file.IsRegularFile)
        {
            throw new InvalidDataException("it is not a regular file" + (file.IsSymbolicLink ? " (a symbolic link)" : ""));
        }

        if (file.UserId != owner.UserId)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"it is owned by uid {file.UserId}, not by uid {owner.UserId} who owns the cache directory"));
        }

        if ((file.Mode & WritableByOthers) != 0)
        {
            throw new InvalidDataException("it has mode " + Convert.ToString(file.Mode & 0xFFF, 8) + ", writable by group or others");
        }

        return file.ModifiedNanoseconds;
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
