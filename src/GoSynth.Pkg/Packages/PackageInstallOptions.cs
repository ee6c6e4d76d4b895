namespace GoSynth.Pkg.Packages;

/// <summary>How <see cref="PackageInstaller"/> installs a package.</summary>
public sealed class PackageInstallOptions
{
    /// <summary>When true an existing file or symlink at an entry's path is replaced (and restored if the install
    /// fails); when false (default) it is a <see cref="PackageErrorKind.Conflict"/> and nothing is installed.</summary>
    public bool ReplaceExisting { get; set; }

    /// <summary>Whether to apply the entries' modification times (default true).</summary>
    public bool PreserveModificationTimes { get; set; } = true;
}
