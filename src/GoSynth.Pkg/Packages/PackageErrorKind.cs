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
}
