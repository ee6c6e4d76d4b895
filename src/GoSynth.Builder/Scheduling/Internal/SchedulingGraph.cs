namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>
/// The ports a run builds as a compact DAG: node i has dependencies <c>Dependencies(i)</c> and dependents
/// <c>Dependents(i)</c> (compressed sparse rows), a name for ties and reports, and a flag for zero-work nodes
/// (meta ports) that complete without a slot.
/// </summary>
internal sealed class SchedulingGraph
{
    private readonly int[] _depStart;
    private readonly int[] _deps;
    private readonly int[] _rdepStart;
    private readonly int[] _rdeps;

    public SchedulingGraph(string[] names, bool[] instant, IReadOnlyList<(int Dependent, int Dependency)> edges)
    {
        Names = names;
        Instant = instant;
        var count = names.Length;
        (_depStart, _deps) = Rows(count, edges, reverse: false);
        (_rdepStart, _rdeps) = Rows(count, edges, reverse: true);
        Topological = Sort();
    }

    public int Count => Names.Length;

    public string[] Names { get; }

    public bool[] Instant { get; }

    /// <summary>Every node, dependencies first.</summary>
    public int[] Topological { get; }

    public ReadOnlySpan<int> Dependencies(int node) => _deps.AsSpan(_depStart[node], _depStart[node + 1] - _depStart[node]);

    public ReadOnlySpan<int> Dependents(int node) => _rdeps.AsSpan(_rdepStart[node], _rdepStart[node + 1] - _rdepStart[node]);

    public int DependencyCount(int node) => _depStart[node + 1] - _depStart[node];

    /// <summary>For each node, its weight plus the largest value among its dependents: the weighted longest path to the end.</summary>
    public double[] LongestPathToEnd(double[] weights)
    {
        var result = new double[Count];
        for (var p = Count - 1; p >= 0; p--)
        {
            var v = Topological[p];
            double best = 0;
            foreach (var d in Dependents(v))
            {
                best = Math.Max(best, result[d]);
            }

            result[v] = weights[v] + best;
        }

        return result;
    }

    private static (int[] Start, int[] Targets) Rows(int count, IReadOnlyList<(int Dependent, int Dependency)> edges, bool reverse)
    {
        int From((int Dependent, int Dependency) e) => reverse ? e.Dependency : e.Dependent;
        int To((int Dependent, int Dependency) e) => reverse ? e.Dependent : e.Dependency;
        var start = new int[count + 1];
        foreach (var e in edges)
        {
            start[From(e) + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = (int[])start.Clone();
        var targets = new int[edges.Count];
        foreach (var e in edges)
        {
            targets[fill[From(e)]++] = To(e);
        }

        return (start, targets);
    }

    private int[] Sort()
    {
        var remaining = new int[Count];
        var queue = new Queue<int>();
        for (var v = 0; v < Count; v++)
        {
            remaining[v] = DependencyCount(v);
            if (remaining[v] == 0)
            {
                queue.Enqueue(v);
            }
        }

        var order = new int[Count];
        var n = 0;
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            order[n++] = v;
            foreach (var d in Dependents(v))
            {
                if (--remaining[d] == 0)
                {
                    queue.Enqueue(d);
                }
            }
        }

        return n == Count ? order : throw new InvalidOperationException("The scheduling graph has a cycle.");
    }
}
