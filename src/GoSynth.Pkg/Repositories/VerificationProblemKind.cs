namespace GoSynth.Pkg.Repositories;

/// <summary>What <see cref="RepositoryVerifier"/> found wrong.</summary>
public enum VerificationProblemKind
{
    /// <summary>The catalog itself is missing or unreadable (damaged, past a limit, not UTF-8, not a catalog).</summary>
    CatalogUnreadable,

    /// <summary>A catalogued package file does not exist.</summary>
    Missing,

    /// <summary>The package file's SHA-256 or size differs from the catalog.</summary>
    SumMismatch,

    /// <summary>The package file's manifest cannot be read.</summary>
    UnreadableManifest,

    /// <summary>The package's manifest names another package or version than the catalog.</summary>
    ManifestMismatch,

    /// <summary>A package file in the repository is not in the catalog (rebuild the repository).</summary>
    Extra,

    /// <summary>A catalog entry's path is absolute, holds <c>..</c>, or resolves (through a symlink) outside the
    /// repository; it is not read.</summary>
    UnsafePath,

    /// <summary>The catalog is signed and its signature does not verify with the configured key or fingerprints.</summary>
    SignatureInvalid,
}
