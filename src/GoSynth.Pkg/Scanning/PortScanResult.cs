using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning;

/// <summary>A finished scan: one result per node of the closure, and the nodes the request named.</summary>
public sealed class PortScanResult
{
    /// <summary>Creates a result.</summary>
    public PortScanResult(ImmutableArray<PortQueryResult> results, ImmutableArray<PortId> roots, int queried, int cached)
    {
        Results = results;
        Roots = roots;
        Queried = queried;
        Cached = cached;
    }

    /// <summary>Every node of the closure (requested ports, their dependencies, <c>ports-mgmt/pkg</c>), ordered by id.</summary>
    public ImmutableArray<PortQueryResult> Results { get; }

    /// <summary>The nodes the request named, with flavors made explicit (<c>@all</c> expanded), ordered by id.</summary>
    public ImmutableArray<PortId> Roots { get; }

    /// <summary>How many make calls the scan ran.</summary>
    public int Queried { get; }

    /// <summary>How many answers came from the metadata cache.</summary>
    public int Cached { get; }
}
