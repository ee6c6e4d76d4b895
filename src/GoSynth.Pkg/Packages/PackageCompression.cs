namespace GoSynth.Pkg.Packages;

/// <summary>The compression filter around a package's tar stream, detected from its first bytes.</summary>
public enum PackageCompression
{
    /// <summary>A plain tar archive (pkg's <c>tar</c> format).</summary>
    None,

    /// <summary>Zstandard (<c>tzst</c>; pkg's default since 2.0).</summary>
    Zstd,

    /// <summary>xz (<c>txz</c>; pkg's default from 1.17 to 1.21).</summary>
    Xz,

    /// <summary>gzip (<c>tgz</c>).</summary>
    Gzip,

    /// <summary>bzip2 (<c>tbz</c>).</summary>
    Bzip2,
}
