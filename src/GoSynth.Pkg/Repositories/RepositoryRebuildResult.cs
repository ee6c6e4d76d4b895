namespace GoSynth.Pkg.Repositories;

/// <summary>What <see cref="RepositoryBuilder.RebuildAsync"/> catalogued and what it could not.</summary>
/// <param name="Entries">The catalogued packages, ordered by path.</param>
/// <param name="Failures">Package files left out of the catalog, with the reason (an unreadable archive or manifest,
/// a legacy extension without <see cref="RepositoryOptions.AcceptLegacyExtensions"/>).</param>
/// <param name="Warnings">Catalogued but suspicious, e.g. two files with the same package name, or a signed catalog
/// replaced by an unsigned one.</param>
/// <param name="Bytes">Total size of the package files read.</param>
public sealed record RepositoryRebuildResult(
    IReadOnlyList<CatalogEntry> Entries,
    IReadOnlyList<KeyValuePair<string, string>> Failures,
    IReadOnlyList<string> Warnings,
    long Bytes)
{
    /// <summary>False when nothing could be catalogued while package files were left out: the existing catalog files
    /// are then left as they were (as <c>pkg repo</c> writes nothing when it finds no package).</summary>
    public bool CatalogWritten { get; init; } = true;

    /// <summary>Stale catalog files of other formats the rebuild replaced and removed (e.g. <c>packagesite.txz</c>,
    /// <c>digests.txz</c>), as names relative to the repository.</summary>
    public IReadOnlyList<string> RemovedFiles { get; init; } = [];

    /// <summary>How many of the catalogued packages were read from their files in this rebuild; the other entries came
    /// unchanged from the catalog cache (<see cref="RepositoryOptions.UseCache"/>). Files left out (see
    /// <see cref="Failures"/>) are read every time and not counted here.</summary>
    public int PackagesRead { get; init; }

    /// <summary>How many zstd frames of the two catalog archives were compressed in this rebuild (a piece that occurs twice
    /// is compressed once and counted twice); 2 when each archive is one frame
    /// (<see cref="RepositoryOptions.CompressionFrameSize"/> 0). With <see cref="FramesReused"/>, every frame written.</summary>
    public int FramesCompressed { get; init; }

    /// <summary>How many zstd frames of the two catalog archives were taken from the frame cache (pieces whose bytes did
    /// not change since the last rebuild).</summary>
    public int FramesReused { get; init; }

    /// <summary>How the catalog was signed (key file or command), or <see langword="null"/> when it is unsigned.</summary>
    public string? Signature { get; init; }
}
