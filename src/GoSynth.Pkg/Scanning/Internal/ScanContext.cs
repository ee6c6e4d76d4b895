using System.Collections.Immutable;
using GoSynth.Pkg.Profiles;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>Everything fixed for one scan: where the tree is, which make, and the exact environment of every call.</summary>
internal sealed record ScanContext
{
    public required string PortsDirectory { get; init; }

    /// <summary>
    /// <see cref="PortsDirectory"/> with its symbolic links resolved: make may name the files it read by either path
    /// (bmake keeps the <c>-C</c> path, but a relative <c>-C</c> or another make gives the physical one).
    /// </summary>
    public string RealPortsDirectory { get; init; } = "";

    public required string MakeProgram { get; init; }

    public required string LocalBase { get; init; }

    public required TargetProfile Profile { get; init; }

    /// <summary>PATH, PORTSDIR, __MAKE_CONF, MAKESYSPATH and the profile's variables.</summary>
    public required ImmutableSortedDictionary<string, string> BaseEnvironment { get; init; }

    /// <summary>The framework's cacheable variables computed once for this scan (empty when none).</summary>
    public ImmutableSortedDictionary<string, string> FrameworkVariables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public required TimeSpan QueryTimeout { get; init; }

    /// <summary>The target's view of the file system every make call runs in; null to run on the host as it is.</summary>
    public TargetView? View { get; init; }

    /// <summary>The environment of a metadata query: the base environment plus the framework variables.</summary>
    public ImmutableSortedDictionary<string, string> QueryEnvironment => BaseEnvironment.SetItems(FrameworkVariables);

    public string PortDirectory(string origin) => PortsDirectory + "/" + origin;
}
