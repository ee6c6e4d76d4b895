namespace GoSynth.Pkg.Packages;

/// <summary>How a manifest writes its <c>files</c> and <c>directories</c> maps.</summary>
public enum PackageFilesForm
{
    /// <summary>pkg 2.4 and later: each value is an object <c>{sum, uname, gname, perm, [fflags], [symlink_target], [mtime]}</c>.</summary>
    Object,

    /// <summary>Up to pkg 2.3: files map to their checksum string, directories to <c>"y"</c>.</summary>
    Legacy,
}
