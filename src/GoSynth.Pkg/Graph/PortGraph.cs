using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using GoSynth.Pkg.Graph.Internal;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Graph;

/// <summary>
/// The dependency graph of a scan: one node per <c>category/port@flavor</c>, typed edges to dependencies and back,
/// each node's state with the reason it cannot be built, a topological build order and critical-path priorities.
/// Immutable and safe to share between threads once built. Build it with <see cref="Build(PortScanResult)"/>.
/// </summary>
/// <remarks>
/// <para>
/// The pkg port (<see cref="Bootstrap"/>: <c>ports-mgmt/pkg</c>, or the tree's own <c>PKG_ORIGIN</c>) is a node unless
/// the tree names none. It is built first: every node outside its own dependency closure implicitly comes after it in
/// <see cref="TopologicalOrder"/> and in priorities, and cannot be built when it cannot. The implicit edges are not
/// listed among a node's <see cref="PortNode.Dependencies"/>.
/// </para>
/// <para>Storage is compact: nodes in an array sorted by id, edges in int arrays (compressed sparse rows), so a
/// 30,000-port graph takes a few megabytes.</para>
/// </remarks>
public sealed partial class PortGraph
{
    /// <summary>The conventional origin of pkg(8), the graph's pkg node unless another is named.</summary>
    public const string BootstrapOrigin = "ports-mgmt/pkg";

    private readonly PortNode[] _nodes;
    private readonly Dictionary<PortId, int> _byId;
    private readonly Dictionary<string, int> _defaultByOrigin;
    private readonly int[] _depStart;
    private readonly int[] _depTarget;
    private readonly byte[] _depKinds;
    private readonly int[] _rdepStart;
    private readonly int[] _rdepSource;
    private readonly byte[] _rdepKinds;
    private readonly int[] _topo;
    private readonly int[] _topoPosition;
    private readonly bool[] _bootstrapClosure;
    private readonly int[] _stateCounts;
    private readonly int _bootstrapIndex;

    /// <summary>Every node, sorted ordinally by id; <see cref="PortNode.Index"/> is the position here.</summary>
    public ImmutableArray<PortNode> Nodes => ImmutableCollectionsMarshal.AsImmutableArray(_nodes);

    /// <summary>The number of nodes.</summary>
    public int Count => _nodes.Length;

    /// <summary>The number of typed edges (one per dependent, dependency and kind).</summary>
    public int EdgeCount { get; }

    /// <summary>True when the graph has a pkg node (<see cref="Bootstrap"/>); false when the ports tree names no pkg port.</summary>
    public bool HasBootstrap => _bootstrapIndex >= 0;

    /// <summary>The pkg(8) node (<c>ports-mgmt/pkg</c>, or the tree's <c>PKG_ORIGIN</c>), built first.</summary>
    /// <exception cref="InvalidOperationException">The graph has no pkg node (<see cref="HasBootstrap"/> is false).</exception>
    public PortNode Bootstrap => _bootstrapIndex >= 0
        ? _nodes[_bootstrapIndex]
        : throw new InvalidOperationException("The ports graph has no pkg node: the ports tree names no pkg port (PKG_ORIGIN); name one in PkgOptions.BootstrapOrigin.");

    /// <summary>The nodes the user asked for, in id order.</summary>
    public ImmutableArray<PortNode> Requested { get; }

    /// <summary>
    /// Every node, dependencies before dependents, <c>ports-mgmt/pkg</c> right after its own dependencies (if any) and
    /// before everything else; among nodes that are ready at the same time, ordinal id order.
    /// </summary>
    public ImmutableArray<PortNode> TopologicalOrder { get; }

    /// <summary>Nodes nothing depends on (typically the requested ports), in id order.</summary>
    public ImmutableArray<PortNode> Roots { get; }

    /// <summary>Nodes without dependencies, in id order.</summary>
    public ImmutableArray<PortNode> Leaves { get; }

    /// <summary>The node <paramref name="id"/>; a flavorless id of a flavored port means its default flavor.</summary>
    /// <exception cref="KeyNotFoundException">The graph has no such node.</exception>
    public PortNode this[PortId id] =>
        TryGetNode(id, out var node) ? node : throw new KeyNotFoundException($"The ports graph has no node {id}.");

    /// <summary>Finds the node <paramref name="id"/>; a flavorless id of a flavored port means its default flavor.</summary>
    public bool TryGetNode(PortId id, [NotNullWhen(true)] out PortNode? node)
    {
        if (id.Origin is not null
            && (_byId.TryGetValue(id, out var index) || (id.Flavor is null && _defaultByOrigin.TryGetValue(id.Origin, out index))))
        {
            node = _nodes[index];
            return true;
        }

        node = null;
        return false;
    }

    /// <summary>The number of nodes in <paramref name="state"/>.</summary>
    public int CountOf(PortNodeState state) => (uint)state < (uint)_stateCounts.Length ? _stateCounts[(int)state] : 0;

    /// <summary>The typed edges from <paramref name="node"/> to its dependencies, by dependency id then kind.</summary>
    public ImmutableArray<PortEdge> GetDependencies(PortNode node)
    {
        var v = Own(node);
        var edges = ImmutableArray.CreateBuilder<PortEdge>();
        for (var e = _depStart[v]; e < _depStart[v + 1]; e++)
        {
            AddEdges(edges, node, _nodes[_depTarget[e]], _depKinds[e], forward: true);
        }

        return edges.DrainToImmutable();
    }

    /// <summary>The dependencies of <paramref name="node"/> of one <paramref name="kind"/>, in id order.</summary>
    public ImmutableArray<PortNode> GetDependencies(PortNode node, DependencyKind kind)
    {
        var v = Own(node);
        var mask = KindBit(kind);
        var result = ImmutableArray.CreateBuilder<PortNode>();
        for (var e = _depStart[v]; e < _depStart[v + 1]; e++)
        {
            if ((_depKinds[e] & mask) != 0)
            {
                result.Add(_nodes[_depTarget[e]]);
            }
        }

        return result.DrainToImmutable();
    }

    /// <summary>The distinct nodes <paramref name="node"/> depends on directly (any kind), in id order.</summary>
    public ImmutableArray<PortNode> GetDirectDependencies(PortNode node)
    {
        var v = Own(node);
        var result = new PortNode[_depStart[v + 1] - _depStart[v]];
        for (var e = _depStart[v]; e < _depStart[v + 1]; e++)
        {
            result[e - _depStart[v]] = _nodes[_depTarget[e]];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    /// <summary>The number of distinct nodes <paramref name="node"/> depends on directly (without allocating).</summary>
    public int GetDependencyCount(PortNode node)
    {
        var v = Own(node);
        return _depStart[v + 1] - _depStart[v];
    }

    /// <summary>The number of distinct nodes that depend directly on <paramref name="node"/> (without allocating).</summary>
    public int GetDependentCount(PortNode node)
    {
        var v = Own(node);
        return _rdepStart[v + 1] - _rdepStart[v];
    }

    /// <summary>The typed edges from the nodes that depend on <paramref name="node"/>, by dependent id then kind.</summary>
    public ImmutableArray<PortEdge> GetDependents(PortNode node)
    {
        var v = Own(node);
        var edges = ImmutableArray.CreateBuilder<PortEdge>();
        for (var e = _rdepStart[v]; e < _rdepStart[v + 1]; e++)
        {
            AddEdges(edges, node, _nodes[_rdepSource[e]], _rdepKinds[e], forward: false);
        }

        return edges.DrainToImmutable();
    }

    /// <summary>The nodes that depend on <paramref name="node"/> through <paramref name="kind"/>, in id order.</summary>
    public ImmutableArray<PortNode> GetDependents(PortNode node, DependencyKind kind)
    {
        var v = Own(node);
        var mask = KindBit(kind);
        var result = ImmutableArray.CreateBuilder<PortNode>();
        for (var e = _rdepStart[v]; e < _rdepStart[v + 1]; e++)
        {
            if ((_rdepKinds[e] & mask) != 0)
            {
                result.Add(_nodes[_rdepSource[e]]);
            }
        }

        return result.DrainToImmutable();
    }

    /// <summary>Every node <paramref name="node"/> depends on, directly or not, through any kind, in <see cref="TopologicalOrder"/>.</summary>
    public ImmutableArray<PortNode> GetTransitiveDependencies(PortNode node) => Closure(Own(node), forward: true, deepKinds: AllKinds);

    /// <summary>Every node that depends on <paramref name="node"/>, directly or not, in <see cref="TopologicalOrder"/>.</summary>
    public ImmutableArray<PortNode> GetTransitiveDependents(PortNode node) => Closure(Own(node), forward: false, deepKinds: AllKinds);

    /// <summary>
    /// The packages to install into a slot before building <paramref name="node"/>, in dependency order (each before
    /// anything that needs it): its direct dependencies of every kind, and below them only what those need at run
    /// time (LIB and RUN dependencies, transitively), as dsynth does.
    /// </summary>
    public ImmutableArray<PortNode> GetInstallClosure(PortNode node) =>
        Closure(Own(node), forward: true, deepKinds: (byte)(KindBit(DependencyKind.Lib) | KindBit(DependencyKind.Run)));

    /// <summary>Whether <paramref name="node"/> comes before <paramref name="other"/> in <see cref="TopologicalOrder"/>.</summary>
    public bool IsBefore(PortNode node, PortNode other) => _topoPosition[Own(node)] < _topoPosition[Own(other)];

    /// <summary>The position of <paramref name="node"/> in <see cref="TopologicalOrder"/>.</summary>
    public int TopologicalPosition(PortNode node) => _topoPosition[Own(node)];

    private const byte AllKinds = 0b0111_1110;

    private static byte KindBit(DependencyKind kind) =>
        kind is >= DependencyKind.Fetch and <= DependencyKind.Run
            ? (byte)(1 << (int)kind)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a dependency kind.");

    private static void AddEdges(ImmutableArray<PortEdge>.Builder edges, PortNode self, PortNode other, byte kinds, bool forward)
    {
        for (var kind = DependencyKind.Fetch; kind <= DependencyKind.Run; kind++)
        {
            if ((kinds & (1 << (int)kind)) != 0)
            {
                edges.Add(forward ? new PortEdge(self, other, kind) : new PortEdge(other, self, kind));
            }
        }
    }

    private int Own(PortNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return ReferenceEquals(node.Graph, this)
            ? node.Index
            : throw new ArgumentException($"The node {node.Id} belongs to another graph.", nameof(node));
    }

    private ImmutableArray<PortNode> Closure(int origin, bool forward, byte deepKinds)
    {
        var start = forward ? _depStart : _rdepStart;
        var next = forward ? _depTarget : _rdepSource;
        var kinds = forward ? _depKinds : _rdepKinds;
        var seen = new HashSet<int>();
        var pending = new Stack<int>();
        for (var e = start[origin]; e < start[origin + 1]; e++)
        {
            if (seen.Add(next[e]))
            {
                pending.Push(next[e]);
            }
        }

        while (pending.Count > 0)
        {
            var v = pending.Pop();
            for (var e = start[v]; e < start[v + 1]; e++)
            {
                if ((kinds[e] & deepKinds) != 0 && seen.Add(next[e]))
                {
                    pending.Push(next[e]);
                }
            }
        }

        var positions = seen.Select(v => _topoPosition[v]).ToArray();
        Array.Sort(positions);
        var result = new PortNode[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            result[i] = _nodes[_topo[positions[i]]];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
