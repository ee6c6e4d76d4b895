namespace GoSynth.Pkg.Repositories;

/// <summary>What is wrong with a repository catalog's content (see <see cref="CatalogFormatException"/>).</summary>
public enum CatalogErrorKind
{
    /// <summary>A member, an entry or the number of entries is past a <see cref="CatalogReadOptions"/> limit.</summary>
    TooLarge,

    /// <summary>A catalog line or entry is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The catalog is not the JSON pkg writes (a syntax error, or <c>packages</c> is not an array of objects).</summary>
    BadEntry,

    /// <summary>The catalog archive lacks the member its <c>meta.conf</c> names.</summary>
    MissingMember,

    /// <summary>A signature member is malformed, or a signing key or command could not be used.</summary>
    Signature,

    /// <summary>A rebuild would replace a signed catalog with an unsigned one.</summary>
    WouldDropSignature,
}
