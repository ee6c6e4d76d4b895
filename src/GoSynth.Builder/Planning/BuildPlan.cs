using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>
/// What a run will do: for every node of the graph one <see cref="PlannedPort"/> (build, up to date, ignored,
/// skipped, meta, unbuildable) with its reason. Immutable; made by <see cref="BuildPlanner"/>.
/// </summary>
public sealed class BuildPlan
{
    private readonly PlannedPort[] _entries;
    private readonly int[] _counts;

    internal BuildPlan(PortGraph graph, PlannedPort[] entries, uint? frameworkFingerprint = null)
    {
        Graph = graph;
        FrameworkFingerprint = frameworkFingerprint;
        _entries = entries;
        _counts = new int[Enum.GetValues<PlanAction>().Length];
        foreach (var entry in entries)
        {
            _counts[(int)entry.Action]++;
        }
    }

    /// <summary>The graph planned.</summary>
    public PortGraph Graph { get; }

    /// <summary>The fingerprint of the ports framework (<c>Mk/</c>) the plan compared with, when known.</summary>
    public uint? FrameworkFingerprint { get; }

    /// <summary>One entry per node, in the order of <see cref="PortGraph.Nodes"/>.</summary>
    public ImmutableArray<PlannedPort> Entries => ImmutableCollectionsMarshal.AsImmutableArray(_entries);

    /// <summary>The entries to build, in the graph's topological order.</summary>
    public IEnumerable<PlannedPort> ToBuild => Graph.TopologicalOrder.Select(n => _entries[n.Index]).Where(e => e.Action == PlanAction.Build);

    /// <summary>The entry of <paramref name="node"/>.</summary>
    public PlannedPort this[PortNode node]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(node);
            return ReferenceEquals(node.Graph, Graph) ? _entries[node.Index] : throw new ArgumentException($"The node {node.Id} belongs to another graph.", nameof(node));
        }
    }

    /// <summary>The entry of the node <paramref name="id"/> (a flavorless id means the default flavor).</summary>
    /// <exception cref="KeyNotFoundException">The graph has no such node.</exception>
    public PlannedPort this[PortId id] => _entries[Graph[id].Index];

    /// <summary>How many nodes get <paramref name="action"/>.</summary>
    public int CountOf(PlanAction action) => (uint)action < (uint)_counts.Length ? _counts[(int)action] : 0;

    /// <summary>
    /// The reason chain of a node, for <c>why &lt;port&gt;</c>: its entry, then the entry of the dependency it names,
    /// and so on down to the port whose own state decided (e.g. <c>app: depends on lib, which is rebuilt</c>,
    /// <c>lib: version 1.2 → 1.3</c>).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The graph has no such node.</exception>
    public ImmutableArray<PlannedPort> Why(PortId id)
    {
        var chain = ImmutableArray.CreateBuilder<PlannedPort>();
        var seen = new HashSet<PortId>();
        var entry = this[id];
        while (seen.Add(entry.Id))
        {
            chain.Add(entry);
            if (entry.Cause is not { } cause || !Graph.TryGetNode(cause, out var next))
            {
                break;
            }

            entry = _entries[next.Index];
        }

        return chain.DrainToImmutable();
    }
}
