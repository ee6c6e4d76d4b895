namespace GoSynth.Pkg.Packages.Internal;

/// <summary>A file or symlink found in a staged directory, with what the writer computed for it.</summary>
internal sealed record StagedFile(string PackagePath, string FullPath, string? LinkTarget, long Size, string Sum, int Permissions, long MTime);
