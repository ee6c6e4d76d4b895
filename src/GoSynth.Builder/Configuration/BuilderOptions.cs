using System.ComponentModel.DataAnnotations;

namespace GoSynth.Builder.Configuration;

/// <summary>
/// Everything the builder is configured with: one property per dsynth.ini key (same meaning and default as dsynth),
/// GoSynth's own keys, and where the values came from. Fill it with <see cref="DsynthConfiguration.LoadInto"/> or
/// by hand; it is validated when the container starts (<c>AddGoSynthBuilder</c>).
/// </summary>
public sealed partial class BuilderOptions
{
    /// <summary>The default profile name, as dsynth's.</summary>
    public const string DefaultProfile = "LiveSystem";

    /// <summary>The selected profile (<c>profile_selected</c>, overridden by the caller). Default <c>LiveSystem</c>.</summary>
    [Required]
    public string Profile { get; set; } = DefaultProfile;

    /// <summary>The dsynth.ini the values were read from, or null when none was read.</summary>
    public string? ConfigurationFile { get; set; }

    /// <summary>The <c>&lt;profile&gt;-make.conf</c> that was read, or null when there is none.</summary>
    public string? MakeConfFile { get; set; }

    /// <summary>The lines of <see cref="MakeConfFile"/> (comments and blank lines dropped), appended to each slot's make.conf.</summary>
    public IList<string> MakeConf { get; set; } = [];

    /// <summary><c>Operating_system</c>: the target system, <c>DragonFly</c> or <c>FreeBSD</c>. Default: the host's (FreeBSD on other hosts).</summary>
    [Required]
    public string OperatingSystem { get; set; } = HostDefaults.OperatingSystem;

    /// <summary><c>Directory_packages</c>. Default <c>/build/synth/live_packages</c>.</summary>
    [Required]
    public string PackagesDirectory { get; set; } = "/build/synth/live_packages";

    /// <summary><c>Directory_repository</c>; null means <c>&lt;Directory_packages&gt;/All</c>, dsynth's default.</summary>
    public string? RepositoryDirectory { get; set; }

    /// <summary><c>Directory_portsdir</c>. Default <c>/usr/dports</c>.</summary>
    [Required]
    public string PortsDirectory { get; set; } = "/usr/dports";

    /// <summary><c>Directory_options</c>. Default <c>/build/synth/options</c>.</summary>
    [Required]
    public string OptionsDirectory { get; set; } = "/build/synth/options";

    /// <summary><c>Directory_distfiles</c>. Default <c>/build/synth/distfiles</c>.</summary>
    [Required]
    public string DistfilesDirectory { get; set; } = "/build/synth/distfiles";

    /// <summary><c>Directory_buildbase</c>: Template, slots, the build database. Default <c>/build/synth/build</c>.</summary>
    [Required]
    public string BuildBase { get; set; } = "/build/synth/build";

    /// <summary><c>Directory_logs</c>. Default <c>/build/synth/logs</c>.</summary>
    [Required]
    public string LogsDirectory { get; set; } = "/build/synth/logs";

    /// <summary><c>Directory_ccache</c>; null when <c>disabled</c> (the default).</summary>
    public string? CCacheDirectory { get; set; }

    /// <summary><c>Directory_system</c>: the system mounted read-only into slots. Default <c>/</c>.</summary>
    [Required]
    public string SystemDirectory { get; set; } = "/";

    /// <summary><c>Package_suffix</c>: one of <c>.tgz .tar .txz .tbz .tzst .pkg</c>. Default <c>.txz</c>.</summary>
    [Required]
    public string PackageSuffix { get; set; } = ".txz";

    /// <summary><c>Meta_version</c>: the <c>version</c> of the repository's meta.conf. Default 2.</summary>
    [Range(1, 2)]
    public int MetaVersion { get; set; } = 2;

    /// <summary><c>Number_of_builders</c> (1–1024; 0 in the file means ncpu/2 + 1). Default min(ncpu/2, memory in GiB), at least 1.</summary>
    [Range(1, 1024)]
    public int NumberOfBuilders { get; set; } = HostDefaults.NumberOfBuilders;

    /// <summary><c>Max_jobs_per_builder</c> (1–8192; 0 in the file means ncpu): each slot's <c>MAKE_JOBS_NUMBER</c>. Default 8.</summary>
    [Range(1, 8192)]
    public int MaxJobsPerBuilder { get; set; } = 8;

    /// <summary><c>Tmpfs_workdir</c>. Only <c>true</c> is supported, as in dsynth.</summary>
    public bool TmpfsWorkdir { get; set; } = true;

    /// <summary><c>Tmpfs_localbase</c>. Only <c>true</c> is supported, as in dsynth.</summary>
    public bool TmpfsLocalbase { get; set; } = true;

    /// <summary><c>Display_with_ncurses</c>: the live full-screen view. Default true.</summary>
    public bool DisplayWithNcurses { get; set; } = true;

    /// <summary><c>leverage_prebuilt</c>. Only <c>false</c> is supported, as in dsynth.</summary>
    public bool LeveragePrebuilt { get; set; }

    /// <summary><c>Check_plist</c>: run the check-plist phase. Default false.</summary>
    public bool CheckPlist { get; set; }

    /// <summary><c>Use_usrsrc</c>: mount the system's <c>/usr/src</c> into slots. Default false.</summary>
    public bool UseUsrSrc { get; set; }

    /// <summary><c>Numa_setsize</c>: pin slots to blocks of this many cores; 0 disables (the default).</summary>
    [Range(0, 1024)]
    public int NumaSetsize { get; set; }

    /// <summary>GoSynth only, <c>Slot_backend</c>: how slots isolate builds. Default <c>auto</c>.</summary>
    public BuilderSlotBackend SlotBackend { get; set; } = BuilderSlotBackend.Auto;

    /// <summary>GoSynth only, <c>Target_release</c>: the target's release (e.g. <c>14.2</c>) when evaluating the tree on another system; null for the default.</summary>
    public string? TargetRelease { get; set; }

    /// <summary>GoSynth only, <c>Target_architecture</c>: the target's architecture (e.g. <c>amd64</c>); null for the host's.</summary>
    public string? TargetArchitecture { get; set; }

    /// <summary>
    /// GoSynth only, <c>Directory_metacache</c>: where scans cache make answers; null means
    /// <c>&lt;Directory_buildbase&gt;/metacache</c> (see <see cref="EffectiveMetadataCacheDirectory"/>).
    /// </summary>
    public string? MetadataCacheDirectory { get; set; }

    /// <summary>GoSynth only, <c>Directory_metacache = disabled</c>: no metadata cache; every scan runs make for every port.</summary>
    public bool DisableMetadataCache { get; set; }

    /// <summary>GoSynth only, <c>Database_path</c>: the build history; null means <c>&lt;Directory_buildbase&gt;/gosynth.db</c>.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>GoSynth only, <c>Disable_throttle</c>: never reduce builders for load, swap or memory. Default false.</summary>
    public bool DisableThrottle { get; set; }

    /// <summary>
    /// dsynth's <c>-s</c> (a command-line setting, not a key of the file): the builders the throttle starts with before
    /// it adds one per step; 0 starts with all of them (no slow start); null starts with one.
    /// </summary>
    [Range(0, 1024)]
    public int? SlowStart { get; set; }

    /// <summary>
    /// GoSynth only, <c>Max_jobs_total</c>: a CPU budget; running builders × <see cref="MaxJobsPerBuilder"/> never exceeds
    /// it. 0 (the default) sets no budget.
    /// </summary>
    [Range(0, 1_048_576)]
    public int MaxJobsTotal { get; set; }

    /// <summary>
    /// GoSynth only, <c>Catalog_frame_size</c>: the repository catalog's zstd frame size in bytes
    /// (<see cref="Pkg.Repositories.RepositoryOptions.CompressionFrameSize"/>); 0 writes each archive as one frame.
    /// </summary>
    [Range(0, GoSynth.Pkg.Repositories.RepositoryOptions.MaxCompressionFrameSize)]
    public int CatalogFrameSize { get; set; } = GoSynth.Pkg.Repositories.RepositoryOptions.DefaultCompressionFrameSize;

    /// <summary>
    /// <c>hook_run_start</c>: an executable run when a run starts. dsynth takes the hooks from files of these names in
    /// its configuration directory; GoSynth also takes an absolute path under the key. Null for none.
    /// </summary>
    public string? HookRunStart { get; set; }

    /// <summary><c>hook_run_end</c>: an executable run when a run ends. Null for none.</summary>
    public string? HookRunEnd { get; set; }

    /// <summary><c>hook_pkg_success</c>: an executable run for each port built. Null for none.</summary>
    public string? HookPkgSuccess { get; set; }

    /// <summary><c>hook_pkg_failure</c>: an executable run for each port that failed. Null for none.</summary>
    public string? HookPkgFailure { get; set; }

    /// <summary><c>hook_pkg_ignored</c>: an executable run for each port ignored. Null for none.</summary>
    public string? HookPkgIgnored { get; set; }

    /// <summary><c>hook_pkg_skipped</c>: an executable run for each port skipped. Null for none.</summary>
    public string? HookPkgSkipped { get; set; }

    /// <summary>The repository directory in effect.</summary>
    public string EffectiveRepositoryDirectory => RepositoryDirectory ?? Path.Combine(PackagesDirectory, "All");

    /// <summary>The metadata cache directory in effect; null when the cache is disabled.</summary>
    public string? EffectiveMetadataCacheDirectory => DisableMetadataCache ? null : MetadataCacheDirectory ?? Path.Combine(BuildBase, "metacache");

    /// <summary>The build database in effect.</summary>
    public string EffectiveDatabasePath => DatabasePath ?? Path.Combine(BuildBase, "gosynth.db");

    /// <summary>How many builders may run at once under <see cref="MaxJobsTotal"/> (at least 1).</summary>
    public int EffectiveMaxBuilders => MaxJobsTotal <= 0
        ? NumberOfBuilders
        : Math.Clamp(MaxJobsTotal / MaxJobsPerBuilder, 1, NumberOfBuilders);
}
