using System.Collections.Immutable;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>
/// A fingerprint with the stat data of every file it was computed from (<see cref="FileStamp"/>, in the fingerprint's
/// order), so that the next computation can stat the files and reuse the fingerprint when none changed, instead of
/// reading them again.
/// </summary>
/// <param name="Fingerprint">The fingerprint (see <see cref="PortFingerprint"/> for a directory, <c>FileFingerprint</c> for a single file).</param>
/// <param name="Files">The files' stat data, ordinal by name; empty for a single file that does not exist.</param>
/// <param name="Directories">
/// The stat data of the directory itself (name empty) and of each subdirectory walked (its path), ordinal by name;
/// empty for a single file. While none of them changed, no entry was added, removed or renamed in them (a directory's
/// modification and change times move when one is), so the files can be stat'ed by name without listing a directory.
/// </param>
/// <param name="Racy">
/// Some file's modification or change time was too recent to trust, as git's racy-timestamp rule says: a file changed
/// again within the file system's timestamp granularity after it was read keeps the same stat data, so its contents
/// must be read once more, later. A racy stamp is never reused; the next computation reads the files and, when they
/// are old enough by then, gives a clean stamp.
/// </param>
internal sealed record FingerprintStamp(uint Fingerprint, ImmutableArray<FileStamp> Files, bool Racy, ImmutableArray<FileStamp> Directories = default)
{
    /// <summary>
    /// How close to the reference time (the scan's start, or the cache file's write time) a file's time may be and still
    /// count as racy: wider than any local file system's timestamp granularity (2 s on FAT, a clock tick on ext4, XFS or
    /// tmpfs) and than the lag of the kernel's coarse file clock behind the wall clock.
    /// </summary>
    public const long RacyWindowNanoseconds = 2_000_000_000;

    /// <summary>The newest modification or change time of any file or directory, or <see cref="long.MinValue"/> for none.</summary>
    public long Newest
    {
        get
        {
            var newest = long.MinValue;
            foreach (var file in Files.IsDefault ? [] : Files)
            {
                newest = Math.Max(newest, file.Newest);
            }

            foreach (var directory in Directories.IsDefault ? [] : Directories)
            {
                newest = Math.Max(newest, directory.Newest);
            }

            return newest;
        }
    }

    /// <summary>This stamp, marked racy when a file's time is at or after <paramref name="racyFromNanoseconds"/>.</summary>
    public FingerprintStamp WithRacyFrom(long racyFromNanoseconds) =>
        Racy || Newest < racyFromNanoseconds ? this : this with { Racy = true };
}
