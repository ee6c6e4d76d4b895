namespace GoSynth.Pkg.Packages;

/// <summary>One entry of a manifest's <c>files</c> map: a regular file or a symlink the package installs.</summary>
/// <param name="Path">The absolute installed path, e.g. <c>/usr/local/bin/indexinfo</c> (decoded).</param>
/// <param name="Sum">The checksum string, <c>1$&lt;sha256 hex&gt;</c>; for a symlink the hash of its target text; <c>-</c> when absent.</param>
public sealed record PackageFile(string Path, string Sum)
{
    /// <summary>Owner name (object form only); <see langword="null"/> means root.</summary>
    public string? UName { get; init; }

    /// <summary>Group name (object form only); <see langword="null"/> means wheel.</summary>
    public string? GName { get; init; }

    /// <summary>Permission bits (object form only), e.g. <c>0x16D</c> for 0555; <see langword="null"/> when unknown.</summary>
    public int? Permissions { get; init; }

    /// <summary>File flags text such as <c>schg</c> (object form only).</summary>
    public string? FileFlags { get; init; }

    /// <summary>The symlink target when the manifest records one (object form only).</summary>
    public string? SymlinkTarget { get; init; }

    /// <summary>Modification time in Unix seconds (object form only, pkg 2.4 and later).</summary>
    public long? ModificationTime { get; init; }
}
