namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>What the catalog cache keeps for one package file: the stat data it was read with, what was read (the
/// SHA-256 and size of the file, the package name) and the catalog line written for it.</summary>
internal sealed record CatalogCacheRecord(FileStamp Stamp, byte[] Sha256, long PackageSize, string Name, byte[] Line);
