namespace GoSynth.Pkg.Packages;

/// <summary>The type of a package archive entry.</summary>
public enum PackageEntryKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Symlink,

    /// <summary>A hard link to an earlier entry.</summary>
    HardLink,

    /// <summary>Anything else (device, fifo); packages do not carry these and install refuses them.</summary>
    Other,
}
