using GoSynth.Pkg.Packages;

namespace GoSynth.Pkg.Repositories;

/// <summary>One package in a repository catalog: its compact manifest plus the catalog fields.</summary>
/// <param name="Manifest">The package's manifest (compact fields only are catalogued).</param>
/// <param name="Sum">Checksum of the package file: bare SHA-256 hex as pkg up to 2.7 writes it (pkg 2.8's typed
/// <c>2$…</c> is read but not verified).</param>
/// <param name="Path">Package path relative to the repository root (<c>path</c>).</param>
/// <param name="RepoPath">Same as <paramref name="Path"/> in catalogs pkg writes (<c>repopath</c>).</param>
/// <param name="PackageSize">Size of the package file in bytes (<c>pkgsize</c>).</param>
public sealed record CatalogEntry(PackageManifest Manifest, string Sum, string Path, string RepoPath, long PackageSize);
