using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Packages;

/// <summary>How <see cref="PackageInstaller"/> installs a package.</summary>
public sealed class PackageInstallOptions
{
    /// <summary>The default of <see cref="MaxPayloadBytes"/>: 64 GiB.</summary>
    public const long DefaultMaxPayloadBytes = 64L << 30;

    /// <summary>The default of <see cref="MaxEntries"/>.</summary>
    public const int DefaultMaxEntries = 2_000_000;

    /// <summary>When true an existing file or symlink at an entry's path is replaced (and restored if the install
    /// fails); when false (default) it is a <see cref="PackageErrorKind.Conflict"/> and nothing is installed.</summary>
    public bool ReplaceExisting { get; set; }

    /// <summary>Whether to apply the entries' modification times (default true).</summary>
    public bool PreserveModificationTimes { get; set; } = true;

    /// <summary>The most bytes of file content one package may write, whatever its manifest's <c>flatsize</c> claims
    /// (the install is also bounded by <c>flatsize</c> itself). An entry that would pass it fails the install with
    /// <see cref="PackageErrorKind.TooLarge"/> before its first byte is written. Default
    /// <see cref="DefaultMaxPayloadBytes"/>.</summary>
    public long MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;

    /// <summary>The most archive entries one package may hold. Default <see cref="DefaultMaxEntries"/>.</summary>
    public int MaxEntries { get; set; } = DefaultMaxEntries;

    /// <summary>Where the install logs what the caller should know (an owner name the root does not know, a stale
    /// staging directory removed); null for nowhere.</summary>
    public ILogger? Logger { get; set; }
}
