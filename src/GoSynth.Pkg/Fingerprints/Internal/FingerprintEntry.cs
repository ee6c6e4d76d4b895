using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>One file taken into a fingerprint: its path relative to the port directory ('/' separated) and how to read it.</summary>
/// <param name="RelativePath">The path below the port directory, with '/' separators.</param>
/// <param name="FullPath">The absolute path to open.</param>
/// <param name="IsSymbolicLink">True for a symbolic link, whose target text stands in for its contents.</param>
/// <param name="Length">The size the walk saw. Zero-length entries are never opened: an empty file adds no bytes, and a
/// FIFO, socket or device node (which report size 0) would block or read endlessly if opened.</param>
/// <param name="Status">What <c>lstat</c> said of the entry when the walk saw it (default where the system cannot tell).</param>
internal readonly record struct FingerprintEntry(string RelativePath, string FullPath, bool IsSymbolicLink, long Length, FileStatus Status = default);
