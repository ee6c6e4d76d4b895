using System.Collections.Immutable;
using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>
/// A port directory's fingerprint through its previous <see cref="FingerprintStamp"/>. When the stamp is not racy, the
/// directory and its subdirectories are stat'ed first: while their stat data are unchanged no entry was added, removed
/// or renamed in them, so each file of the stamp is stat'ed by name (one system call each, no listing); when all equal
/// the stamp, its fingerprint is returned without reading a byte. Otherwise the directory is listed and every entry
/// stat'ed; when the names and stat data of the files still equal the stamp's (a skipped directory appeared, say), the
/// fingerprint is kept with the new directory data. Otherwise the files are read as
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
        if (previous is { Racy: false, Directories.IsDefaultOrEmpty: false } && FileStatus.IsSupported && Unchanged(directory, previous))
        {
            return previous;
        }

        var walked = new List<FingerprintEntry>();
        var entries = FingerprintFileWalker.List(directory, walked, cancellationToken);
        var directories = ImmutableArray.CreateBuilder<FileStamp>(walked.Count);
        var racy = !FileStatus.IsSupported;
        foreach (var entry in walked)
        {
            var stamp = FileStamp.Of(entry.RelativePath, entry.Status);
            racy |= stamp.Newest >= racyFromNanoseconds;
            directories.Add(stamp);
        }

        if (previous is { Racy: false } && !racy && FileStatus.IsSupported && Matches(previous.Files, entries))
        {
            return previous with { Directories = directories.MoveToImmutable() };
        }

        var fingerprint = PortFingerprint.ComputeFrom(entries, cancellationToken);
        var files = ImmutableArray.CreateBuilder<FileStamp>(entries.Count);
        foreach (var entry in entries)
        {
            var stamp = FileStamp.Of(entry.RelativePath, entry.Status);
            racy |= stamp.Newest >= racyFromNanoseconds;
            files.Add(stamp);
        }

        return new FingerprintStamp(fingerprint, files.MoveToImmutable(), racy, directories.MoveToImmutable());
    }

    /// <summary>Every directory and then every file of the stamp still has its stat data (stat'ed by name, no listing).</summary>
    private static bool Unchanged(string directory, FingerprintStamp previous)
    {
        foreach (var stamped in previous.Directories)
        {
            var path = stamped.Name.Length == 0 ? directory : directory + "/" + stamped.Name;
            if (!FileStatus.TryGet(path, followLinks: stamped.Name.Length == 0, out var status) || !stamped.Matches(status))
            {
                return false;
            }
        }

        foreach (var stamped in previous.Files)
        {
            if (!FileStatus.TryGet(directory + "/" + stamped.Name, followLinks: false, out var status) || !stamped.Matches(status))
            {
                return false;
            }
        }

        return true;
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
