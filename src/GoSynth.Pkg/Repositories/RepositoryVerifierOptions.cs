namespace GoSynth.Pkg.Repositories;

/// <summary>How <see cref="RepositoryVerifier"/> checks a repository.</summary>
public sealed class RepositoryVerifierOptions
{
    /// <summary>How many packages are hashed at once; 0 (the default) means the processor count.</summary>
    public int MaxParallelism { get; set; }

    /// <summary>Limits on reading the catalog and each package's compact manifest.</summary>
    public CatalogReadOptions Limits { get; set; } = new();

    /// <summary>The public key a key-signed catalog is checked with, as pkg's <c>PUBKEY</c> with
    /// <c>SIGNATURE_TYPE: PUBKEY</c>: RSA in PEM, EC (ECDSA signatures) in PEM or DER, or EdDSA as pkg's WEI25519 key
    /// (DER) or an Ed25519 public key (PEM or DER); <see langword="null"/> when none is configured.</summary>
    public string? PublicKeyPath { get; set; }

    /// <summary>The fingerprints directory (holding <c>trusted/</c> and optionally <c>revoked/</c>) a
    /// fingerprint-signed catalog is checked with, as pkg's <c>FINGERPRINTS</c> with
    /// <c>SIGNATURE_TYPE: FINGERPRINTS</c>; <see langword="null"/> when none is configured.</summary>
    public string? FingerprintsDirectory { get; set; }
}
