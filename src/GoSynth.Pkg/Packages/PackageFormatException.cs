namespace GoSynth.Pkg.Packages;

/// <summary>
/// A package file that cannot be read, written or installed as asked: a truncated or corrupt archive, an unknown
/// format, a manifest that is not JSON, a checksum mismatch, a path that escapes the root. The message names the
/// file and the entry; an install that throws it has left the target root unchanged.
/// </summary>
public sealed class PackageFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="filePath">The package file (or directory) concerned.</param>
    /// <param name="entryName">The archive entry or manifest path concerned, if any.</param>
    /// <param name="detail">What was found, in a few words.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public PackageFormatException(PackageErrorKind kind, string filePath, string? entryName, string detail, Exception? innerException = null)
        : base(Format(kind, filePath, entryName, detail), innerException)
    {
        Kind = kind;
        FilePath = filePath;
        EntryName = entryName;
        Detail = detail;
    }

    /// <summary>What is wrong.</summary>
    public PackageErrorKind Kind { get; }

    /// <summary>The package file (or directory) concerned.</summary>
    public string FilePath { get; }

    /// <summary>The archive entry or manifest path concerned, or <see langword="null"/> when the whole file is concerned.</summary>
    public string? EntryName { get; }

    /// <summary>What was found, without the file and entry names.</summary>
    public string Detail { get; }

    private static string Format(PackageErrorKind kind, string filePath, string? entryName, string detail)
    {
        var where = entryName is null ? filePath : $"{filePath}, entry '{entryName}'";
        var advice = kind switch
        {
            PackageErrorKind.Truncated or PackageErrorKind.Corrupt => "rebuild or re-fetch the package",
            PackageErrorKind.UnknownFormat => "expected a pkg(8) archive (tar, optionally zstd/xz/gzip/bzip2 compressed)",
            PackageErrorKind.BadManifest => "the package was not written by pkg create or is damaged; rebuild it",
            PackageErrorKind.ChecksumMismatch => "the package is damaged or was altered; rebuild it",
            PackageErrorKind.PathTraversal => "refusing to install it; the package is malformed or hostile",
            PackageErrorKind.Conflict => "remove the existing path or install with replacement allowed",
            PackageErrorKind.TooLarge => "refusing to expand it; the package is damaged or hostile, or raise the install caps",
            PackageErrorKind.PathClash => "the package is malformed; rebuild it",
            _ => "rebuild the package",
        };
        return $"{where}: {detail} ({advice})";
    }
}
