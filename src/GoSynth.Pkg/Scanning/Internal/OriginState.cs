using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>What the coordinator knows about one origin: its unflavored answer (which gives its FLAVORS) and who waits for it.</summary>
internal sealed class OriginState(string origin)
{
    public string Origin { get; } = origin;

    /// <summary>The unflavored query's result, once it is in.</summary>
    public PortQueryResult? Base { get; set; }

    public bool BaseDone => Base is not null;

    /// <summary>FLAVORS, the default first; empty when unflavored or not found.</summary>
    public ImmutableArray<string> Flavors => Base?.Metadata?.Flavors ?? [];

    public string? DefaultFlavor => Flavors.IsEmpty ? null : Flavors[0];

    /// <summary>Flavor requests that arrived before the unflavored answer: (flavor or null or "all", is a root).</summary>
    public List<(string? Flavor, bool Root)> WaitingRequests { get; } = [];

    /// <summary>Nodes whose dependencies name this origin and wait for its FLAVORS to name the dependency's node.</summary>
    public List<NodeState> WaitingNodes { get; } = [];
}
