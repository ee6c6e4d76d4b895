namespace GoSynth.Pkg.Repositories;

/// <summary>What is known about a catalog's signature.</summary>
public enum CatalogSignatureState
{
    /// <summary>The catalog carries no signature.</summary>
    Unsigned,

    /// <summary>The signature verifies with the configured key or a trusted fingerprint.</summary>
    Valid,

    /// <summary>The signature does not verify, or its certificate is revoked or not trusted.</summary>
    Invalid,

    /// <summary>The catalog is signed but no key or fingerprints were configured to check it with.</summary>
    Unverifiable,
}
