namespace GoSynth.Pkg.Repositories;

/// <summary>How <see cref="RepositoryBuilder"/> writes a catalog.</summary>
public sealed class RepositoryOptions
{
    /// <summary>zstd level of <c>packagesite.pkg</c> and <c>data.pkg</c>; default 19, pkg's default.</summary>
    public int CompressionLevel { get; set; } = 19;

    /// <summary>How many package files are read and hashed at once; default the processor count.</summary>
    public int MaxParallelism { get; set; } = System.Environment.ProcessorCount;

    /// <summary>Also catalog <c>.txz</c>, <c>.tzst</c>, <c>.tgz</c>, <c>.tbz</c> and <c>.tar</c> files (pkg's
    /// <c>REPO_ACCEPT_LEGACY_PKG</c>); default false, only <c>.pkg</c>.</summary>
    public bool AcceptLegacyExtensions { get; set; }

    /// <summary>The mtime of the catalog members. Default: the newest package file's mtime (the Unix epoch for an
    /// empty repository), so the output depends only on the packages.</summary>
    public DateTimeOffset? Timestamp { get; set; }

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
    }
}
