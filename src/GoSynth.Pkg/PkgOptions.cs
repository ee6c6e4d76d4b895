using GoSynth.Pkg.Profiles;

namespace GoSynth.Pkg;

/// <summary>Settings of GoSynth.Pkg's metadata scan. Every property has a working default.</summary>
public sealed class PkgOptions
{
    /// <summary>The ports tree (<c>Directory_portsdir</c>). Default <c>/usr/ports</c>.</summary>
    public string PortsDirectory { get; set; } = "/usr/ports";

    /// <summary>The make program: a name looked up in <c>PATH</c> or an absolute path. Null for the host's (<see cref="TargetProfile.DefaultMakeProgram"/>).</summary>
    public string? MakeProgram { get; set; }

    /// <summary>The system the tree is evaluated for. Null for <see cref="TargetProfile.ForHost"/>.</summary>
    public TargetProfile? Profile { get; set; }

    /// <summary>How many make queries run at once. 0 (the default) means the processor count.</summary>
    public int ScanParallelism { get; set; }

    /// <summary>
    /// Where the metadata cache file lives. Null (the default) disables the cache: every scan runs make for every node.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// A directory GoSynth controls for the scan's helper files: the <c>MAKESYSPATH</c> stubs and the empty
    /// <c>LOCALBASE</c>. Null for <c>gosynth</c> under the system temporary directory.
    /// </summary>
    public string? WorkDirectory { get; set; }

    /// <summary>
    /// The port asked once per scan for the framework's cacheable variables (<c>PORTS_ENV_VARS</c>). Default <c>ports-mgmt/pkg</c>.
    /// </summary>
    public string FrameworkProbePort { get; set; } = "ports-mgmt/pkg";

    /// <summary>
    /// The pkg(8) port, built before everything else. Null (the default) to take it from the tree: its framework's
    /// <c>PKG_ORIGIN</c>, else <c>ports-mgmt/pkg</c> when the tree has it.
    /// </summary>
    public string? BootstrapOrigin { get; set; }

    /// <summary>When false, the framework's cacheable variables are not computed up front (each query computes its own).</summary>
    public bool CacheFrameworkVariables { get; set; } = true;

    /// <summary>The longest one make query may take before it is killed and the node reported corrupt. Default 2 minutes.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>PATH</c> of every make call.</summary>
    public string SearchPath { get; set; } = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin";

    /// <summary>The effective make program.</summary>
    public string ResolveMakeProgram() => string.IsNullOrWhiteSpace(MakeProgram) ? TargetProfile.DefaultMakeProgram : MakeProgram;

    /// <summary>The effective profile.</summary>
    public TargetProfile ResolveProfile() => Profile ?? TargetProfile.ForHost();

    /// <summary>The effective parallelism.</summary>
    public int ResolveParallelism() => ScanParallelism > 0 ? ScanParallelism : System.Environment.ProcessorCount;

    /// <summary>The effective work directory.</summary>
    public string ResolveWorkDirectory() => string.IsNullOrWhiteSpace(WorkDirectory)
        ? Path.Combine(Path.GetTempPath(), "gosynth")
        : Path.GetFullPath(WorkDirectory);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and says what is allowed.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PortsDirectory))
        {
            throw new ArgumentException("PkgOptions.PortsDirectory must name the ports tree.", nameof(PortsDirectory));
        }

        if (ScanParallelism < 0)
        {
            throw new ArgumentException($"PkgOptions.ScanParallelism is {ScanParallelism}; use 0 for the processor count or a positive number.", nameof(ScanParallelism));
        }

        if (QueryTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("PkgOptions.QueryTimeout must be positive.", nameof(QueryTimeout));
        }

        if (!Ports.PortId.TryParse(FrameworkProbePort, out var probe) || probe.Value.Flavor is not null)
        {
            throw new ArgumentException($"PkgOptions.FrameworkProbePort '{FrameworkProbePort}' is not an origin 'category/port'.", nameof(FrameworkProbePort));
        }
    }
}
