using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph.Internal;

/// <summary>
/// Finds dependency cycles with Tarjan's strongly connected components, iteratively (no recursion, so any depth
/// is safe), and names the shortest cycle through the smallest node of each cyclic component.
/// </summary>
internal static class CycleFinder
{
    public static List<ImmutableArray<PortId>> FindCycles(int count, int[] start, int[] target, Func<int, PortId> idOf)
    {
        using var orderLease = new PooledArray<int>(count);
        using var lowLease = new PooledArray<int>(count);
        using var componentLease = new PooledArray<int>(count);
        using var onStackLease = new PooledArray<bool>(count);
        var order = orderLease.Array;
        var low = lowLease.Array;
        var component = componentLease.Array;
        var onStack = onStackLease.Array;
        Array.Fill(order, -1, 0, count);
        Array.Clear(onStack, 0, count);
        var stack = new Stack<int>();
        var calls = new Stack<(int Node, int Edge)>();
        var counter = 0;
        var components = 0;
        var cycles = new List<ImmutableArray<PortId>>();

        for (var root = 0; root < count; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            Visit(root);
            while (calls.Count > 0)
            {
                var (v, edge) = calls.Pop();
                if (edge < start[v + 1])
                {
                    calls.Push((v, edge + 1));
                    var w = target[edge];
                    if (order[w] < 0)
                    {
                        Visit(w);
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], order[w]);
                    }

                    continue;
                }

                if (low[v] == order[v])
                {
                    var size = 0;
                    var smallest = v;
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = components;
                        smallest = Math.Min(smallest, w);
                        size++;
                    }
                    while (w != v);

                    if (size > 1 || HasSelfLoop(v, start, target))
                    {
                        cycles.Add(ShortestCycle(smallest, components, component, start, target, idOf));
                    }

                    components++;
                }

                if (calls.Count > 0)
                {
                    var parent = calls.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        cycles.Sort(static (a, b) => a[0].CompareTo(b[0]));
        return cycles;

        void Visit(int node)
        {
            order[node] = low[node] = counter++;
            stack.Push(node);
            onStack[node] = true;
            calls.Push((node, start[node]));
        }
    }

    private static bool HasSelfLoop(int v, int[] start, int[] target)
    {
        for (var e = start[v]; e < start[v + 1]; e++)
        {
            if (target[e] == v)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Breadth-first search inside the component from <paramref name="source"/> back to itself.</summary>
    private static ImmutableArray<PortId> ShortestCycle(int source, int componentId, int[] component, int[] start, int[] target, Func<int, PortId> idOf)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(source);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            for (var e = start[v]; e < start[v + 1]; e++)
            {
                var w = target[e];
                if (component[w] != componentId)
                {
                    continue;
                }

                if (w == source)
                {
                    var path = new List<PortId> { idOf(source) };
                    for (var at = v; at != source; at = parent[at])
                    {
                        path.Add(idOf(at));
                    }

                    path.Add(idOf(source));
                    path.Reverse();
                    return [.. path];
                }

                if (parent.TryAdd(w, v))
                {
                    queue.Enqueue(w);
                }
            }
        }

        throw new InvalidOperationException($"No cycle through {idOf(source)} inside its strongly connected component.");
    }
}
