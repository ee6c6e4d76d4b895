using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories;

/// <summary>How <see cref="RepositoryBuilder"/> writes a catalog.</summary>
public sealed class RepositoryOptions
{
    /// <summary>zstd level of <c>packagesite.pkg</c> and <c>data.pkg</c>; default 19, pkg's default.</summary>
    public int CompressionLevel { get; set; } = 19;

    /// <summary>How many package files are read and hashed at once; default the processor count.</summary>
    public int MaxParallelism { get; set; } = System.Environment.ProcessorCount;

    /// <summary>Compression threads; default the processor count. With <see cref="CompressionFrameSize"/> above 0, how
    /// many pieces are compressed at once (each on one thread; the output does not depend on the number). With one frame
    /// per archive, zstd's worker threads for each archive (zstd's multi-threaded mode; the output does not depend on the
    /// number for 1 or more); 0 then compresses each archive on one thread in zstd's single-threaded mode, whose output
    /// differs.</summary>
    public int CompressionThreads { get; set; } = System.Environment.ProcessorCount;

    /// <summary>The average size, in bytes of the uncompressed tar, of the independent zstd frames each catalog archive is
    /// written as; default <see cref="DefaultCompressionFrameSize"/>. The archive is cut only between entries, where the
    /// entries' own bytes say (a changed package moves only the cuts near it), each piece is compressed on its own (in parallel)
    /// and its frame kept in the frame cache (with <see cref="UseCache"/>), so a rebuild compresses only the pieces whose
    /// bytes changed. Smaller pieces make that faster and the archives larger, as each frame starts without the others'
    /// history (on a generated catalog of 5,000 packages at level 19: +37 % of size at 24 KiB, +20 % at 64 KiB; less on
    /// real catalog lines). 0 writes each archive as one frame, compressed whole: the smallest download, and every
    /// rebuild compresses everything. A concatenation of frames is one valid zstd stream: pkg's libarchive, the zstd
    /// tool and GoSynth's reader read both forms. Otherwise at least <see cref="MinCompressionFrameSize"/>.</summary>
    public int CompressionFrameSize { get; set; } = DefaultCompressionFrameSize;

    /// <summary>The default <see cref="CompressionFrameSize"/>: 24 KiB.</summary>
    public const int DefaultCompressionFrameSize = 24 * 1024;

    /// <summary>The smallest <see cref="CompressionFrameSize"/> other than 0: 4 KiB.</summary>
    public const int MinCompressionFrameSize = 4 * 1024;

    /// <summary>The largest <see cref="CompressionFrameSize"/>: 64 MiB.</summary>
    public const int MaxCompressionFrameSize = 64 * 1024 * 1024;

    /// <summary>Keep a side cache of each package file's stat data (size, mtime and ctime in nanoseconds, inode, device)
    /// with its SHA-256 and catalog line in <c>catalog-cache-*</c> in <see cref="CacheDirectory"/>, and read again only
    /// the files whose stat data changed (or changed too recently to tell, git's racy-timestamp rule); default true.
    /// The catalog written is the same either way. A damaged cache, or one not owned by this user or writable by
    /// others, is ignored and rebuilt with a log line. Linux only; elsewhere every file is read.</summary>
    public bool UseCache { get; set; } = true;

    /// <summary>Where the side caches are kept (<c>catalog-cache-*</c>, and <c>catalog-frames-*</c>: the compressed
    /// frames of the last catalog; <c>*</c> is a hash of the repository's full path, so several repositories may share
    /// one directory); default <c>.gosynth</c> in the packages directory. Created private (0700) when missing. Neither file holds anything the catalog does not publish except the package files'
    /// stat data (sizes, times, inode and device numbers), which a web server serving the packages directory would
    /// serve too unless it hides dot-directories; name a directory outside it to keep them private.</summary>
    public string? CacheDirectory { get; set; }

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

        if (CompressionFrameSize is < 0 or > MaxCompressionFrameSize)
        {
            throw new ArgumentException($"CompressionFrameSize {CompressionFrameSize} is outside 0..{MaxCompressionFrameSize}", nameof(CompressionFrameSize));
        }

        if (CompressionFrameSize != 0 && CompressionFrameSize < MinCompressionFrameSize)
        {
            throw new ArgumentException(
                $"CompressionFrameSize {CompressionFrameSize} is below {MinCompressionFrameSize} bytes (0 writes each archive as one frame)", nameof(CompressionFrameSize));
        }

        if (CacheDirectory is not null && CacheDirectory.Trim().Length == 0)
        {
            throw new ArgumentException("CacheDirectory is empty; leave it unset for the default", nameof(CacheDirectory));
        }

        if (SigningKeyPath is not null && SigningCommand is not null)
        {
            throw new ArgumentException("give a signing key or a signing command, not both", nameof(SigningCommand));
        }

        ArgumentNullException.ThrowIfNull(Limits);
        Limits.Validate();
    }
}
