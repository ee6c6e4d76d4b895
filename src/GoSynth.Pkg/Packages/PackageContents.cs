namespace GoSynth.Pkg.Packages;

/// <summary>What <see cref="PackageReader.ReadContentsAsync"/> found in a package file.</summary>
/// <param name="FilePath">The package file.</param>
/// <param name="Compression">The compression detected from its first bytes.</param>
/// <param name="Manifest">The full manifest (<c>+MANIFEST</c>).</param>
/// <param name="CompactManifest">The compact manifest, when the archive has one.</param>
/// <param name="Entries">The payload entries after the manifests, in archive order.</param>
public sealed record PackageContents(
    string FilePath,
    PackageCompression Compression,
    PackageManifest Manifest,
    PackageManifest? CompactManifest,
    IReadOnlyList<PackageEntry> Entries);
