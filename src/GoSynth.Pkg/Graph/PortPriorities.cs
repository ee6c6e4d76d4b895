using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph;

/// <summary>
/// Critical-path priorities of a <see cref="PortGraph"/>: for each node, its own weight plus the largest priority
/// among the nodes that depend on it, i.e. the weighted length of the longest chain from the node to the end of the
/// graph. Building the highest priority ready node first keeps the longest chain moving.
/// </summary>
public sealed class PortPriorities
{
    private readonly PortGraph _graph;
    private readonly double[] _values;

    internal PortPriorities(PortGraph graph, double[] values, double criticalPathLength)
    {
        _graph = graph;
        _values = values;
        CriticalPathLength = criticalPathLength;
    }

    /// <summary>The priority of <paramref name="node"/>.</summary>
    public double this[PortNode node]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(node);
            if (!ReferenceEquals(node.Graph, _graph))
            {
                throw new ArgumentException($"The node {node.Id} belongs to another graph.", nameof(node));
            }

            return _values[node.Index];
        }
    }

    /// <summary>The priority of the node <paramref name="id"/> (a flavorless id means the default flavor).</summary>
    /// <exception cref="KeyNotFoundException">The graph has no such node.</exception>
    public double this[PortId id] => _values[_graph[id].Index];

    /// <summary>The largest priority: the weighted length of the graph's critical path.</summary>
    public double CriticalPathLength { get; }

    internal static void ValidateWeight(double weight, string paramName, string? subject = null)
    {
        if (double.IsNaN(weight) || double.IsInfinity(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, weight, $"A port weight must be a finite number ≥ 0; {subject ?? paramName} is {weight}.");
        }
    }
}
