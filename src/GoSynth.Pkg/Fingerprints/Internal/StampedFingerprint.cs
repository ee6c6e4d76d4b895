using System.Collections.Immutable;
using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>
/// A port directory's fingerprint through its previous <see cref="FingerprintStamp"/>: the directory is listed and every
/// entry stat'ed (one system call each); when the list of names and every entry's stat data equal the stamp's and the
/// stamp is not racy, its fingerprint is returned without reading a byte. Otherwise the files are read as
/// <see cref="PortFingerprint.Compute"/> reads them, and the new stamp records the stat data taken before the read (a
/// file changed during the read then differs next time and is read again).
/// </summary>
internal static class StampedFingerprint
{
    /// <summary>The fingerprint of <paramref name="directory"/> and its new stamp (the same instance when reused).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="previous">Its stamp from the last computation, or null.</param>
    /// <param name="racyFromNanoseconds">A file whose modification or change time is at or after this (ns since the epoch) makes the new stamp racy.</param>
    /// <param name="cancellationToken">Stops the walk and the reads.</param>
    public static FingerprintStamp OfDirectory(string directory, FingerprintStamp? previous, long racyFromNanoseconds, CancellationToken cancellationToken)
    {
        var entries = FingerprintFileWalker.List(directory, cancellationToken);
        if (previous is { Racy: false } && FileStatus.IsSupported && Matches(previous.Files, entries))
        {
            return previous;
        }

        var fingerprint = PortFingerprint.ComputeFrom(entries, cancellationToken);
        var files = ImmutableArray.CreateBuilder<FileStamp>(entries.Count);
        var racy = !FileStatus.IsSupported;
        foreach (var entry in entries)
        {
            var stamp = FileStamp.Of(entry.RelativePath, entry.Status);
            racy |= stamp.Newest >= racyFromNanoseconds;
            files.Add(stamp);
        }

        return new FingerprintStamp(fingerprint, files.MoveToImmutable(), racy);
    }

    private static bool Matches(ImmutableArray<FileStamp> files, List<FingerprintEntry> entries)
    {
        if (files.Length != entries.Count)
        {
            return false;
        }

        for (var i = 0; i < files.Length; i++)
        {
            var entry = entries[i];
            if (!string.Equals(files[i].Name, entry.RelativePath, StringComparison.Ordinal) || !files[i].Matches(entry.Status))
            {
                return false;
            }
        }

        return true;
    }
}
