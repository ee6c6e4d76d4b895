namespace GoSynth.Pkg.Repositories;

/// <summary>A catalog's signature as <see cref="RepositoryVerifier"/> found it.</summary>
/// <param name="State">Unsigned, valid, invalid or unverifiable.</param>
/// <param name="Message">A one-line explanation (the signing scheme, the key or fingerprint used, what failed).</param>
public sealed record CatalogSignatureStatus(CatalogSignatureState State, string Message)
{
    /// <summary>The status of a catalog without signature members.</summary>
    public static CatalogSignatureStatus Unsigned { get; } = new(CatalogSignatureState.Unsigned, "the catalog is not signed");
}
