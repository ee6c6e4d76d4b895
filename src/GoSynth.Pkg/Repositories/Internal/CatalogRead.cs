namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>A catalog as read for verification: the catalog, its payload archive (path, member, content) and, for a
/// v1 repository, its <c>meta.txz</c> archive.</summary>
internal sealed record CatalogRead(
    RepositoryCatalog Catalog, CatalogArchiveContent Content, string ArchivePath, string Member, CatalogArchiveContent? Meta, string? MetaPath);
