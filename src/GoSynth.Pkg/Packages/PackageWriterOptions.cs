namespace GoSynth.Pkg.Packages;

/// <summary>How <see cref="PackageWriter"/> writes a package.</summary>
public sealed class PackageWriterOptions
{
    /// <summary>Compression of the tar stream: <see cref="PackageCompression.Zstd"/> (default, as pkg 2.x),
    /// <see cref="PackageCompression.Gzip"/> or <see cref="PackageCompression.None"/>. xz and bzip2 are read-only.</summary>
    public PackageCompression Compression { get; set; } = PackageCompression.Zstd;

    /// <summary>Compression level; <see langword="null"/> means pkg's default (zstd 19, gzip optimal).</summary>
    public int? CompressionLevel { get; set; }

    /// <summary>The <c>files</c> map form to write: 2.4+ objects (default) or the legacy checksum strings.</summary>
    public PackageFilesForm FilesForm { get; set; } = PackageFilesForm.Object;

    /// <summary>When set, every payload entry gets this mtime (like <c>SOURCE_DATE_EPOCH</c>); otherwise staged mtimes are kept.
    /// Manifests always have mtime 0, as pkg writes them.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Compression is PackageCompression.Xz or PackageCompression.Bzip2)
        {
            throw new ArgumentException($"{Compression} packages can be read but not written; use Zstd, Gzip or None", nameof(Compression));
        }

        if (Compression == PackageCompression.Zstd && CompressionLevel is < -7 or > 22)
        {
            throw new ArgumentException($"zstd level {CompressionLevel} is outside -7..22", nameof(CompressionLevel));
        }

        if (Compression == PackageCompression.Gzip && CompressionLevel is < 0 or > 9)
        {
            throw new ArgumentException($"gzip level {CompressionLevel} is outside 0..9", nameof(CompressionLevel));
        }
    }
}
