using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning;

/// <summary>A finished scan: one result per node of the closure, the nodes the request named, and its pkg port.</summary>
public sealed class PortScanResult
{
    /// <summary>Creates a result whose pkg port is <c>ports-mgmt/pkg</c>, without notes.</summary>
    public PortScanResult(ImmutableArray<PortQueryResult> results, ImmutableArray<PortId> roots, int queried, int cached)
        : this(results, roots, queried, cached, PortScanner.PkgOrigin, [])
    {
    }

    /// <summary>Creates a result.</summary>
    public PortScanResult(
        ImmutableArray<PortQueryResult> results,
        ImmutableArray<PortId> roots,
        int queried,
        int cached,
        string? bootstrapOrigin,
        ImmutableArray<string> notes)
    {
        Results = results;
        Roots = roots;
        Queried = queried;
        Cached = cached;
        BootstrapOrigin = bootstrapOrigin;
        Notes = notes.IsDefault ? [] : notes;
    }

    /// <summary>Every node of the closure (requested ports, their dependencies, the pkg port), ordered by id.</summary>
    public ImmutableArray<PortQueryResult> Results { get; }

    /// <summary>
    /// The nodes the request named, with flavors made explicit (<c>@all</c> expanded) and moved ports replaced by where
    /// they moved (see <see cref="Notes"/>), ordered by id.
    /// </summary>
    public ImmutableArray<PortId> Roots { get; }

    /// <summary>How many make calls the scan ran.</summary>
    public int Queried { get; }

    /// <summary>How many answers came from the metadata cache.</summary>
    public int Cached { get; }

    /// <summary>
    /// The pkg port built before everything else: <see cref="PkgOptions.BootstrapOrigin"/> when set, else the tree's
    /// <c>PKG_ORIGIN</c>, else <c>ports-mgmt/pkg</c> when the tree has it; null when the tree names none.
    /// </summary>
    public string? BootstrapOrigin { get; }

    /// <summary>
    /// What the user should know about this scan, one sentence each: a requested port that moved (<c>devel/foo moved to
    /// devel/bar on 2024-01-02: reason</c>), a tree that names no pkg port.
    /// </summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>
    /// The fingerprint (<see cref="Fingerprints.PortFingerprint"/>) of each port directory the scan's metadata cache
    /// checked, by origin, as the scan saw it: a planner deciding what is up to date uses these instead of reading every
    /// port's files again. Empty when the scan ran without a metadata cache; an origin missing here is computed by whoever
    /// needs it.
    /// </summary>
    public IReadOnlyDictionary<string, uint> PortFingerprints { get; init; } = ImmutableDictionary<string, uint>.Empty;
}
