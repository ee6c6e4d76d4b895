namespace GoSynth.Pkg.Packages.Internal;

/// <summary>The fields a catalog line adds to a compact manifest.</summary>
internal readonly record struct CatalogFields(string Sum, string Path, string RepoPath, long PackageSize);
