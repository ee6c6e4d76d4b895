namespace GoSynth.Pkg.Repositories;

/// <summary>What <see cref="RepositoryBuilder.RebuildAsync"/> catalogued and what it could not.</summary>
/// <param name="Entries">The catalogued packages, ordered by path.</param>
/// <param name="Failures">Package files left out of the catalog, with the reason (an unreadable archive or manifest).</param>
/// <param name="Warnings">Catalogued but suspicious, e.g. two files with the same package name.</param>
/// <param name="Bytes">Total size of the package files read.</param>
public sealed record RepositoryRebuildResult(
    IReadOnlyList<CatalogEntry> Entries,
    IReadOnlyList<KeyValuePair<string, string>> Failures,
    IReadOnlyList<string> Warnings,
    long Bytes);
