using System.ComponentModel.DataAnnotations;
using GoSynth.Environment.Files;
using GoSynth.Pkg.Profiles;

namespace GoSynth.Pkg;

/// <summary>Settings of GoSynth.Pkg's metadata scan. Every property has a working default.</summary>
public sealed class PkgOptions : IValidatableObject
{
    /// <summary>The ports tree (<c>Directory_portsdir</c>). Default <c>/usr/ports</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "PkgOptions.PortsDirectory must name the ports tree.")]
    public string PortsDirectory { get; set; } = "/usr/ports";

    /// <summary>The make program: a name looked up in <c>PATH</c> or an absolute path. Null for the host's (<see cref="TargetProfile.DefaultMakeProgram"/>).</summary>
    public string? MakeProgram { get; set; }

    /// <summary>The system the tree is evaluated for. Null for <see cref="TargetProfile.ForHost"/>.</summary>
    public TargetProfile? Profile { get; set; }

    /// <summary>How many make queries run at once. 0 (the default) means the processor count.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "PkgOptions.ScanParallelism must be 0 (the processor count) or a positive number.")]
    public int ScanParallelism { get; set; }

    /// <summary>
    /// Where the metadata cache file lives. Null (the default) disables the cache: every scan runs make for every node.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// A private directory for the scan's helper files: the <c>MAKESYSPATH</c> stubs and the empty <c>LOCALBASE</c>.
    /// Created with mode 0700; an existing one must be a real directory owned by the user and not writable by group or
    /// others (<see cref="PrivateDirectory"/>). Null for the per-user <see cref="PrivateDirectory.DefaultRoot()"/>.
    /// </summary>
    public string? WorkDirectory { get; set; }

    /// <summary>
    /// The profile's make.conf (dsynth's <c>&lt;profile&gt;-make.conf</c>: <c>DEFAULT_VERSIONS</c>, per-port options,
    /// <c>MAKE_JOBS_NUMBER</c> …), read by every metadata query as FreeBSD's <c>sys.mk</c> reads <c>/etc/make.conf</c>:
    /// it becomes <c>__MAKE_CONF</c>, which the host's sys.mk (native profile) or GoSynth's stub sys.mk (cross profiles)
    /// includes. Its content is part of the metadata cache key. Null (the default) for none (<c>/dev/null</c>).
    /// </summary>
    public string? MakeConfFile { get; set; }

    /// <summary>
    /// The port asked once per scan for the framework's cacheable variables (<c>PORTS_ENV_VARS</c>). Null (the default)
    /// for the tree's pkg port: <see cref="BootstrapOrigin"/> when set, else <c>ports-mgmt/pkg</c> when the tree has it,
    /// else the tree's <c>PKG_ORIGIN</c> (asked of one of its ports, an answer the metadata cache keeps).
    /// </summary>
    public string? FrameworkProbePort { get; set; }

    /// <summary>
    /// The pkg(8) port, built before everything else. Null (the default) to take it from the tree: its framework's
    /// <c>PKG_ORIGIN</c>, else <c>ports-mgmt/pkg</c> when the tree has it.
    /// </summary>
    public string? BootstrapOrigin { get; set; }

    /// <summary>
    /// For a cross profile on Linux (a FreeBSD or DragonFly tree evaluated here): run every metadata query in a private
    /// mount namespace whose root shows the target's base system (a list per release shipped with GoSynth) and only
    /// what make and its shell need, so that the framework's <c>exists()</c> and shell probes answer as the target
    /// would. Needs root, <c>unshare</c> and <c>nsenter</c>; without them the scan runs on the host with one warning.
    /// Default true.
    /// </summary>
    public bool UseTargetView { get; set; } = true;

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

    /// <summary>The effective work directory (not yet created or checked).</summary>
    public string ResolveWorkDirectory() => string.IsNullOrWhiteSpace(WorkDirectory)
        ? PrivateDirectory.DefaultRoot()
        : Path.GetFullPath(WorkDirectory);

    /// <summary>The effective make.conf: the full path of <see cref="MakeConfFile"/>, or null for none.</summary>
    public string? ResolveMakeConfFile() => string.IsNullOrWhiteSpace(MakeConfFile) ? null : Path.GetFullPath(MakeConfFile);

    /// <summary>Checks the settings and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names each one and says what is allowed.</exception>
    public void Validate()
    {
        var result = new PkgOptionsValidator().Validate(null, this);
        if (result.Failed)
        {
            throw new ArgumentException(string.Join(" ", result.Failures));
        }
    }

    /// <summary>The rules the attributes cannot express (used by the generated <c>PkgOptionsValidator</c>).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (QueryTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("PkgOptions.QueryTimeout must be positive.", [nameof(QueryTimeout)]);
        }

        if (FrameworkProbePort is not null && (!Ports.PortId.TryParse(FrameworkProbePort, out var probe) || probe.Value.Flavor is not null))
        {
            yield return new ValidationResult($"PkgOptions.FrameworkProbePort '{FrameworkProbePort}' is not an origin 'category/port'.", [nameof(FrameworkProbePort)]);
        }

        if (!string.IsNullOrWhiteSpace(MakeConfFile) && !File.Exists(MakeConfFile))
        {
            yield return new ValidationResult($"PkgOptions.MakeConfFile '{MakeConfFile}' does not exist; name an existing make.conf or leave it unset.", [nameof(MakeConfFile)]);
        }
    }
}
