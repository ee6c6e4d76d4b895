using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GoSynth.Pkg.Graph.Internal;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Graph;

public sealed partial class PortGraph
{
    private PortGraph(GraphData data)
    {
        var count = data.Results.Length;
        _byId = data.ById;
        _defaultByOrigin = data.DefaultByOrigin;
        _depStart = data.DependencyStart;
        _depTarget = data.DependencyTarget;
        _depKinds = data.DependencyKinds;
        _bootstrapIndex = data.Bootstrap;

        var cycles = CycleFinder.FindCycles(count, _depStart, _depTarget, i => data.Results[i].Id);
        if (cycles.Count > 0)
        {
            throw new PortGraphCycleException(cycles);
        }

        (_rdepStart, _rdepSource, _rdepKinds) = Reverse(count, _depStart, _depTarget, _depKinds);
        _nodes = new PortNode[count];
        var edgeCount = 0;
        for (var i = 0; i < count; i++)
        {
            _nodes[i] = new PortNode(this, i, data.Results[i], data.Requested[i]);
        }

        foreach (var kinds in _depKinds)
        {
            edgeCount += System.Numerics.BitOperations.PopCount(kinds);
        }

        EdgeCount = edgeCount;
        _bootstrapClosure = BootstrapClosure();
        _topo = TopologicalSort();
        _topoPosition = new int[count];
        for (var p = 0; p < count; p++)
        {
            _topoPosition[_topo[p]] = p;
        }

        PropagateStates();
        MarkNotNeeded();
        _stateCounts = new int[Enum.GetValues<PortNodeState>().Length];
        foreach (var node in _nodes)
        {
            _stateCounts[(int)node.State]++;
        }

        TopologicalOrder = [.. _topo.Select(i => _nodes[i])];
        Requested = [.. _nodes.Where(n => n.IsRequested)];
        Roots = [.. _nodes.Where(n => _rdepStart[n.Index] == _rdepStart[n.Index + 1])];
        Leaves = [.. _nodes.Where(n => _depStart[n.Index] == _depStart[n.Index + 1])];
    }

    /// <summary>Builds the graph of a scan with the pkg port the scan found (<see cref="PortScanResult.BootstrapOrigin"/>).</summary>
    /// <param name="scan">The scan: its results, its requested nodes and its pkg port.</param>
    /// <returns>The graph, with states propagated and a topological order.</returns>
    /// <exception cref="PortGraphCycleException">The dependencies form a cycle; the message names it.</exception>
    public static PortGraph Build(PortScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return Build(scan.Results, scan.Roots, scan.BootstrapOrigin);
    }

    /// <summary>Builds the graph of a scan.</summary>
    /// <param name="results">
    /// The scan results, one per node, a flavored port's flavor explicit. A flavorless dependency means the default
    /// flavor of its port (the first of its <c>FLAVORS</c>, as the scanner reports them). A dependency, requested port
    /// or the pkg port the results do not cover becomes a <see cref="PortNodeState.NotFound"/> node, so nothing is
    /// dropped silently. Of duplicate results the first found one wins.
    /// </param>
    /// <param name="requested">
    /// The nodes the user asked for: a flavorless id means the default flavor, <c>@all</c> every flavor in the results.
    /// </param>
    /// <param name="bootstrapOrigin">
    /// The pkg port's origin (the tree's <c>PKG_ORIGIN</c>, <see cref="PortScanResult.BootstrapOrigin"/>), built before
    /// everything else; null when the tree has none: then no node waits for a pkg node. Default <c>ports-mgmt/pkg</c>.
    /// </param>
    /// <returns>The graph, with states propagated and a topological order.</returns>
    /// <exception cref="PortGraphCycleException">The dependencies form a cycle; the message names it.</exception>
    /// <exception cref="ArgumentException"><paramref name="bootstrapOrigin"/> is not an origin <c>category/port</c>.</exception>
    public static PortGraph Build(IEnumerable<PortQueryResult> results, IEnumerable<PortId>? requested = null, string? bootstrapOrigin = BootstrapOrigin)
    {
        ArgumentNullException.ThrowIfNull(results);
        PortId? bootstrap = null;
        if (bootstrapOrigin is not null)
        {
            if (!PortId.TryParse(bootstrapOrigin, out var id) || id.Value.Flavor is not null)
            {
                throw new ArgumentException($"The pkg port '{bootstrapOrigin}' is not an origin 'category/port'.", nameof(bootstrapOrigin));
            }

            bootstrap = id;
        }

        return new PortGraph(GraphAssembler.Assemble(results, requested ?? [], bootstrap));
    }

    /// <summary>
    /// Computes each node's critical-path priority in O(V+E): its weight plus the largest priority among the nodes
    /// that depend on it (for <c>ports-mgmt/pkg</c>, every node built after it).
    /// </summary>
    /// <param name="weights">How much each node costs; null counts 1 per node (<see cref="UniformPortWeights.Instance"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, NaN or infinite.</exception>
    public PortPriorities ComputePriorities(IPortWeights? weights = null)
    {
        weights ??= UniformPortWeights.Instance;
        var priority = new double[_nodes.Length];
        double afterBootstrap = 0;
        double longest = 0;
        for (var p = _topo.Length - 1; p >= 0; p--)
        {
            var v = _topo[p];
            var weight = weights.GetWeight(_nodes[v]);
            if (!(weight >= 0 && double.IsFinite(weight)))
            {
                PortPriorities.ValidateWeight(weight, nameof(weights), $"the weight of {_nodes[v].Id}");
            }

            double best = v == _bootstrapIndex ? afterBootstrap : 0;
            for (var e = _rdepStart[v]; e < _rdepStart[v + 1]; e++)
            {
                best = Math.Max(best, priority[_rdepSource[e]]);
            }

            priority[v] = weight + best;
            longest = Math.Max(longest, priority[v]);
            if (ComesAfterBootstrap(v))
            {
                afterBootstrap = Math.Max(afterBootstrap, priority[v]);
            }
        }

        return new PortPriorities(this, priority, longest);
    }

    private bool ComesAfterBootstrap(int v) => _bootstrapIndex >= 0 && v != _bootstrapIndex && !_bootstrapClosure[v];

    private static (int[] Start, int[] Source, byte[] Kinds) Reverse(int count, int[] start, int[] target, byte[] kinds)
    {
        var rstart = new int[count + 1];
        foreach (var t in target)
        {
            rstart[t + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            rstart[i + 1] += rstart[i];
        }

        var fill = rstart[..^1];
        var source = new int[target.Length];
        var rkinds = new byte[target.Length];
        for (var v = 0; v < count; v++)
        {
            for (var e = start[v]; e < start[v + 1]; e++)
            {
                var slot = fill[target[e]]++;
                source[slot] = v;
                rkinds[slot] = kinds[e];
            }
        }

        return (rstart, source, rkinds);
    }

    private bool[] BootstrapClosure()
    {
        var closure = new bool[_nodes.Length];
        if (_bootstrapIndex < 0)
        {
            return closure;
        }

        var pending = new Stack<int>();
        pending.Push(_bootstrapIndex);
        while (pending.Count > 0)
        {
            var v = pending.Pop();
            for (var e = _depStart[v]; e < _depStart[v + 1]; e++)
            {
                var w = _depTarget[e];
                if (!closure[w])
                {
                    closure[w] = true;
                    pending.Push(w);
                }
            }
        }

        return closure;
    }

    /// <summary>Kahn's algorithm over the acyclic graph plus the implicit edges to pkg; ties go to the smaller id.</summary>
    private int[] TopologicalSort()
    {
        var count = _nodes.Length;
        using var remainingLease = new PooledArray<int>(count);
        var remaining = remainingLease.Array;
        var ready = new PriorityQueue<int, int>();
        for (var v = 0; v < count; v++)
        {
            remaining[v] = _depStart[v + 1] - _depStart[v] + (ComesAfterBootstrap(v) ? 1 : 0);
            if (remaining[v] == 0)
            {
                ready.Enqueue(v, v);
            }
        }

        var order = new int[count];
        var emitted = 0;
        while (ready.TryDequeue(out var v, out _))
        {
            order[emitted++] = v;
            for (var e = _rdepStart[v]; e < _rdepStart[v + 1]; e++)
            {
                var u = _rdepSource[e];
                if (--remaining[u] == 0)
                {
                    ready.Enqueue(u, u);
                }
            }

            if (v == _bootstrapIndex)
            {
                for (var u = 0; u < count; u++)
                {
                    if (ComesAfterBootstrap(u) && --remaining[u] == 0)
                    {
                        ready.Enqueue(u, u);
                    }
                }
            }
        }

        return emitted == count
            ? order
            : throw new InvalidOperationException($"Internal error: only {emitted} of {count} nodes ordered in an acyclic graph.");
    }
}
