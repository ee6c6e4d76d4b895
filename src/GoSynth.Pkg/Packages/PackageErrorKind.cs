namespace GoSynth.Pkg.Packages;

/// <summary>What is wrong with a package archive, its manifest or an entry (see <see cref="PackageFormatException"/>).</summary>
public enum PackageErrorKind
{
    /// <summary>The archive ends before its end-of-archive marker or in the middle of an entry.</summary>
    Truncated,

    /// <summary>The compressed stream or a tar header is damaged.</summary>
    Corrupt,

    /// <summary>The first bytes match no supported compression and no tar header.</summary>
    UnknownFormat,

    /// <summary><c>+MANIFEST</c> is missing, not JSON, or lacks a required field.</summary>
    BadManifest,

    /// <summary>An entry's content does not match the checksum its manifest records.</summary>
    ChecksumMismatch,

    /// <summary>An entry would land outside the target root, or would be written through a symlink.</summary>
    PathTraversal,

    /// <summary>An entry is not listed in <c>+MANIFEST</c> or has a type packages never carry.</summary>
    UnexpectedEntry,

    /// <summary>A file listed in <c>+MANIFEST</c> is absent from the archive or from the staged directory.</summary>
    MissingEntry,

    /// <summary>The target already holds something at an entry's path.</summary>
    Conflict,

    /// <summary>The archive holds more than its manifest declares (an entry larger than what is left of
    /// <c>flatsize</c>, an oversized metadata member) or more than the configured caps allow; nothing past the
    /// limit was read or written.</summary>
    TooLarge,

    /// <summary>Two entries of one package disagree about a path: it is both a file and a directory, or a file or
    /// symlink stands where an earlier entry needed a directory.</summary>
    PathClash,
}
