using GoSynth.Pkg.Graph.Internal;

namespace GoSynth.Pkg.Graph;

/// <summary>The states a node gets from its neighbours: unbuildable through a dependency, not needed by its dependents.</summary>
public sealed partial class PortGraph
{
    /// <summary>In dependency order, marks nodes whose dependencies cannot be built, naming the nearest culprit.</summary>
    private void PropagateStates()
    {
        using var chainLease = new PooledArray<int>(_nodes.Length);
        var chain = chainLease.Array;
        Array.Clear(chain, 0, _nodes.Length);
        foreach (var v in _topo)
        {
            var node = _nodes[v];
            if (!node.CanBuild)
            {
                continue;
            }

            var culprit = -1;
            void Consider(int w)
            {
                if (!_nodes[w].CanBuild && (culprit < 0 || chain[w] < chain[culprit] || (chain[w] == chain[culprit] && w < culprit)))
                {
                    culprit = w;
                }
            }

            for (var e = _depStart[v]; e < _depStart[v + 1]; e++)
            {
                Consider(_depTarget[e]);
            }

            if (ComesAfterBootstrap(v))
            {
                Consider(_bootstrapIndex);
            }

            if (culprit >= 0)
            {
                node.State = PortNodeState.Unbuildable;
                node.BlockedBy = _nodes[culprit];
                chain[v] = chain[culprit] + 1;
            }
        }
    }

    /// <summary>
    /// Against the build order, marks buildable nodes that are in the graph only to serve nodes that will not be built
    /// (ignored, unbuildable, not found, not needed): such a node is <see cref="PortNodeState.NotNeeded"/> unless it
    /// was requested, is the pkg node, or nothing depends on it.
    /// </summary>
    private void MarkNotNeeded()
    {
        for (var p = _topo.Length - 1; p >= 0; p--)
        {
            var v = _topo[p];
            var node = _nodes[v];
            if (!node.CanBuild || node.IsRequested || v == _bootstrapIndex || _rdepStart[v] == _rdepStart[v + 1])
            {
                continue;
            }

            var needed = false;
            for (var e = _rdepStart[v]; e < _rdepStart[v + 1] && !needed; e++)
            {
                needed = _nodes[_rdepSource[e]].CanBuild;
            }

            if (!needed)
            {
                node.State = PortNodeState.NotNeeded;
            }
        }
    }
}
