using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph.Internal;

/// <summary>
/// The assembled, not yet checked graph: nodes sorted by id and their deduplicated edges in compressed sparse rows.
/// Edge kinds are a bit mask per (dependent, dependency) pair, bit <c>1 &lt;&lt; (int)kind</c>.
/// </summary>
internal sealed class GraphData
{
    public required PortQueryResult[] Results { get; init; }

    public required bool[] Requested { get; init; }

    public required Dictionary<PortId, int> ById { get; init; }

    public required Dictionary<string, int> DefaultByOrigin { get; init; }

    /// <summary>The pkg node's index, or -1 when the tree has no pkg port.</summary>
    public required int Bootstrap { get; init; }

    public required int[] DependencyStart { get; init; }

    public required int[] DependencyTarget { get; init; }

    public required byte[] DependencyKinds { get; init; }
}
