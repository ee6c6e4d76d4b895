namespace GoSynth.Pkg.Repositories;

/// <summary>
/// A repository catalog that cannot be read or written as asked: a member or entry past a limit, text that is not
/// UTF-8, JSON that is not a catalog, a bad signature member. Damage to the archive itself (truncation, corrupt
/// compression) is a <see cref="Packages.PackageFormatException"/>. The message says what, where and what to do.
/// </summary>
public sealed class CatalogFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="filePath">The catalog archive (or repository directory) concerned.</param>
    /// <param name="location">The member and entry concerned (e.g. <c>data packages[12]</c>), if any.</param>
    /// <param name="detail">What was found, in a few words.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CatalogFormatException(CatalogErrorKind kind, string filePath, string? location, string detail, Exception? innerException = null)
        : base(Format(kind, filePath, location, detail), innerException)
    {
        Kind = kind;
        FilePath = filePath;
        Location = location;
        Detail = detail;
    }

    /// <summary>What is wrong.</summary>
    public CatalogErrorKind Kind { get; }

    /// <summary>The catalog archive (or repository directory) concerned.</summary>
    public string FilePath { get; }

    /// <summary>The member and entry concerned, or <see langword="null"/> when the whole file is concerned.</summary>
    public string? Location { get; }

    /// <summary>What was found, without the file and location.</summary>
    public string Detail { get; }

    private static string Format(CatalogErrorKind kind, string filePath, string? location, string detail)
    {
        var where = location is null ? filePath : $"{filePath}, {location}";
        var advice = kind switch
        {
            CatalogErrorKind.TooLarge => "the catalog is damaged or hostile; raise the limit only for a catalog you trust",
            CatalogErrorKind.InvalidUtf8 or CatalogErrorKind.BadEntry => "rebuild the catalog (gosynth rebuild-repository)",
            CatalogErrorKind.MissingMember => "rebuild the catalog (gosynth rebuild-repository)",
            CatalogErrorKind.Signature => "check the signing key or command",
            CatalogErrorKind.WouldDropSignature => "sign the new catalog (a key or a signing command), or allow an unsigned catalog explicitly",
            _ => "rebuild the catalog",
        };
        return $"{where}: {detail} ({advice})";
    }
}
