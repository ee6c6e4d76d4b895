using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories;

/// <summary>How <see cref="RepositoryBuilder"/> writes a catalog.</summary>
public sealed class RepositoryOptions
{
    /// <summary>zstd level of <c>packagesite.pkg</c> and <c>data.pkg</c>; default 19, pkg's default.</summary>
    public int CompressionLevel { get; set; } = 19;

    /// <summary>How many package files are read and hashed at once; default the processor count.</summary>
    public int MaxParallelism { get; set; } = System.Environment.ProcessorCount;

    /// <summary>zstd worker threads for each catalog archive (zstd's multi-threaded mode, one frame; the output does not
    /// depend on the number for 1 or more); default the processor count. 0 compresses each archive on one thread in
    /// zstd's single-threaded mode, whose output differs.</summary>
    public int CompressionThreads { get; set; } = System.Environment.ProcessorCount;

    /// <summary>Keep a side cache of each package file's stat data (size, mtime and ctime in nanoseconds, inode, device)
    /// with its SHA-256 and catalog line in <c>.gosynth/catalog-cache</c> in the packages directory, and read again only
    /// the files whose stat data changed (or changed too recently to tell, git's racy-timestamp rule); default true.
    /// The catalog written is the same either way. A damaged cache, or one not owned by this user or writable by
    /// others, is ignored and rebuilt with a log line. Linux only; elsewhere every file is read.</summary>
    public bool UseCache { get; set; } = true;

    /// <summary>Where the rebuild logs (the cache ignored or not written, a summary); default none.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Also catalog <c>.txz</c>, <c>.tzst</c>, <c>.tgz</c>, <c>.tbz</c> and <c>.tar</c> files (pkg's
    /// <c>REPO_ACCEPT_LEGACY_PKG</c>); default false, only <c>.pkg</c>. Legacy files left out are reported in
    /// <see cref="RepositoryRebuildResult.Failures"/>.</summary>
    public bool AcceptLegacyExtensions { get; set; }

    /// <summary>The mtime of the catalog members. Default: the newest package file's mtime (the Unix epoch for an
    /// empty repository), so the output depends only on the packages.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Limits on reading each package's compact manifest (<see cref="CatalogReadOptions.MaxEntryBytes"/>).</summary>
    public CatalogReadOptions Limits { get; set; } = new();

    /// <summary>Sign the catalog with this private key file, as <c>pkg repo &lt;dir&gt; &lt;type&gt;:&lt;key&gt;</c> does: a
    /// <c>signature</c> member before each payload. <c>rsa:</c> (or no prefix): an unencrypted RSA key in PEM;
    /// <c>ecdsa:</c>: an unencrypted EC key (PEM, or DER as <c>pkg key</c> writes it) on secp256k1, secp384r1,
    /// secp521r1 or a brainpool curve; <c>eddsa:</c> or <c>ecc:</c>: pkg's WEI25519 private key (DER, as <c>pkg key -t
    /// eddsa</c> writes it) or an Ed25519 PKCS#8 key (PEM or DER). Clients check it with <c>SIGNATURE_TYPE: PUBKEY</c>.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Sign the catalog by running this shell command, as <c>pkg repo &lt;dir&gt; signing_command: &lt;cmd&gt;</c>
    /// does: it reads the payload's SHA-256 hex on stdin and prints <c>SIGNATURE</c>, <c>CERT</c> (and optionally
    /// <c>TYPE</c>) sections and <c>END</c>. Clients check it with <c>SIGNATURE_TYPE: FINGERPRINTS</c>.</summary>
    public string? SigningCommand { get; set; }

    /// <summary>Allow replacing a signed catalog with an unsigned one (the result then carries a warning); default
    /// false: such a rebuild fails with <see cref="CatalogErrorKind.WouldDropSignature"/> and changes nothing.</summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (CompressionLevel is < -7 or > 22)
        {
            throw new ArgumentException($"zstd level {CompressionLevel} is outside -7..22", nameof(CompressionLevel));
        }

        if (MaxParallelism < 1)
        {
            throw new ArgumentException("MaxParallelism must be at least 1", nameof(MaxParallelism));
        }

        if (CompressionThreads is < 0 or > 256)
        {
            throw new ArgumentException($"CompressionThreads {CompressionThreads} is outside 0..256", nameof(CompressionThreads));
        }

        if (SigningKeyPath is not null && SigningCommand is not null)
        {
            throw new ArgumentException("give a signing key or a signing command, not both", nameof(SigningCommand));
        }

        ArgumentNullException.ThrowIfNull(Limits);
        Limits.Validate();
    }
}
