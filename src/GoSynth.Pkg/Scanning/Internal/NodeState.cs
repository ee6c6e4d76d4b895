using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>One node of the closure while the scan runs.</summary>
internal sealed class NodeState(PortId id)
{
    public PortId Id { get; } = id;

    public PortQueryResult? Result { get; set; }

    /// <summary>How many dependency origins still have no unflavored answer.</summary>
    public int UnresolvedOrigins { get; set; }

    public bool Emitted { get; set; }
}
