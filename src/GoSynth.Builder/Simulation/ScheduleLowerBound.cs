using GoSynth.Builder.Scheduling.Internal;

namespace GoSynth.Builder.Simulation;

/// <summary>
/// Lower bounds on the makespan of any schedule of a DAG of jobs on m identical builders (no preemption needed for the
/// bound to hold; it holds even with preemption).
/// <para>For a job v with duration p(v), its head h(v) is a time before which v cannot start in any schedule, and its
/// tail q(v) a time that must remain after v finishes. Two facts give them: every ancestor of v must finish before v
/// starts, so v starts after the longest chain through its dependencies and after its ancestors' total work ÷ m (at
/// most m jobs run at a time); and a dependency d with head h(d) ends no earlier than h(d) + p(d). Hence
/// h(v) = max(W(ancestors of v) ÷ m, max over dependencies d of h(d) + p(d)), and symmetrically
/// q(v) = max(W(descendants of v) ÷ m, max over dependents s of p(s) + q(s)). In every feasible schedule that ends at C,
/// v starts no earlier than h(v) and finishes no later than C − q(v), so C ≥ h(v) + p(v) + q(v) for every v (at least
/// the critical path).</para>
/// <para>The window bound: pick any two thresholds a, b ≥ 0 such that the set J(a, b) of jobs with h(v) ≥ a and
/// q(v) ≥ b is not empty. Each of them runs entirely inside [a, C − b], and at most m jobs run at a time, so
/// C − b − a ≥ Σ_{v ∈ J(a, b)} p(v) ÷ m, i.e. C ≥ a + b + W(a, b) ÷ m (an empty J says nothing about C). With a = b = 0
/// this is total work ÷ m. The bound returned is the maximum of h(v) + p(v) + q(v) over all v and of the window
/// bound over all thresholds, which need only range over the heads and tails
/// that occur (between two occurring values J does not change and the bound grows with a and b). It is never below
/// max(critical path, work ÷ m), and it is a true bound for every schedule, so a makespan divided by it is at least 1.</para>
/// </summary>
internal static class ScheduleLowerBound
{
    /// <summary>The bound for <paramref name="seconds"/> on <paramref name="builders"/> builders.</summary>
    public static double Compute(SchedulingGraph graph, double[] seconds, int builders)
    {
        var count = graph.Count;
        if (count == 0)
        {
            return 0;
        }

        var ancestorWork = ClosureWork(graph, seconds, ancestors: true);
        var descendantWork = ClosureWork(graph, seconds, ancestors: false);
        var head = new double[count];
        foreach (var v in graph.Topological)
        {
            head[v] = ancestorWork[v] / builders;
            foreach (var d in graph.Dependencies(v))
            {
                head[v] = Math.Max(head[v], head[d] + seconds[d]);
            }
        }

        var tail = new double[count];
        for (var i = count - 1; i >= 0; i--)
        {
            var v = graph.Topological[i];
            tail[v] = descendantWork[v] / builders;
            foreach (var s in graph.Dependents(v))
            {
                tail[v] = Math.Max(tail[v], seconds[s] + tail[s]);
            }
        }

        // max over v of h(v) + p(v) + q(v): at least the critical path.
        var critical = 0.0;
        for (var v = 0; v < count; v++)
        {
            critical = Math.Max(critical, head[v] + seconds[v] + tail[v]);
        }

        // Threshold b ranges over the distinct tails; a segment tree over them holds b + W(a, b) ÷ m for the current a.
        var tails = tail.Distinct().Order().ToArray();
        var tree = new MaxAddTree(tails);
        var byHead = Enumerable.Range(0, count).OrderByDescending(v => head[v]).ToArray();
        var best = critical;
        var highest = -1;
        for (var i = 0; i < count;)
        {
            var a = head[byHead[i]];
            for (; i < count && head[byHead[i]] == a; i++)
            {
                var v = byHead[i];
                if (seconds[v] > 0)
                {
                    // v counts for every threshold b ≤ q(v): the tails at positions 0 … rank(q(v)).
                    var rank = Array.BinarySearch(tails, tail[v]);
                    tree.Add(rank, seconds[v] / builders);
                    highest = Math.Max(highest, rank);
                }
            }

            // Only thresholds that leave some job inside the window say anything: an empty window bounds nothing.
            if (highest >= 0)
            {
                best = Math.Max(best, a + tree.MaxUpTo(highest));
            }
        }

        return best;
    }

    /// <summary>For each job, the total work of all its ancestors (or descendants), each counted once.</summary>
    private static double[] ClosureWork(SchedulingGraph graph, double[] seconds, bool ancestors)
    {
        var count = graph.Count;
        var words = (count + 63) / 64;
        var sets = new ulong[count][];
        var work = new double[count];
        for (var i = 0; i < count; i++)
        {
            var v = graph.Topological[ancestors ? i : count - 1 - i];
            var set = sets[v] = new ulong[words];
            foreach (var u in ancestors ? graph.Dependencies(v) : graph.Dependents(v))
            {
                var other = sets[u];
                for (var w = 0; w < words; w++)
                {
                    set[w] |= other[w];
                }

                set[u >> 6] |= 1UL << (u & 63);
            }

            for (var w = 0; w < words; w++)
            {
                for (var bits = set[w]; bits != 0; bits &= bits - 1)
                {
                    work[v] += seconds[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
                }
            }
        }

        return work;
    }

    /// <summary>Values v[k] with "add x to v[0..r]" and "max of v[0..r]" in O(log n).</summary>
    private sealed class MaxAddTree
    {
        private readonly int _size;
        private readonly double[] _max;
        private readonly double[] _pending;

        public MaxAddTree(double[] initial)
        {
            _size = initial.Length;
            _max = new double[4 * _size];
            _pending = new double[4 * _size];
            Build(1, 0, _size - 1, initial);
        }

        public double MaxUpTo(int last) => MaxUpTo(1, 0, _size - 1, last);

        public void Add(int last, double amount) => Add(1, 0, _size - 1, last, amount);

        private void Build(int node, int low, int high, double[] initial)
        {
            if (low == high)
            {
                _max[node] = initial[low];
                return;
            }

            var mid = (low + high) / 2;
            Build(2 * node, low, mid, initial);
            Build((2 * node) + 1, mid + 1, high, initial);
            _max[node] = Math.Max(_max[2 * node], _max[(2 * node) + 1]);
        }

        private double MaxUpTo(int node, int low, int high, int last)
        {
            if (high <= last)
            {
                return _max[node];
            }

            var mid = (low + high) / 2;
            var result = MaxUpTo(2 * node, low, mid, last);
            if (mid < last)
            {
                result = Math.Max(result, MaxUpTo((2 * node) + 1, mid + 1, high, last));
            }

            return result + _pending[node];
        }

        private void Add(int node, int low, int high, int last, double amount)
        {
            if (low > last)
            {
                return;
            }

            if (high <= last)
            {
                _max[node] += amount;
                _pending[node] += amount;
                return;
            }

            var mid = (low + high) / 2;
            Add(2 * node, low, mid, last, amount);
            Add((2 * node) + 1, mid + 1, high, last, amount);
            _max[node] = Math.Max(_max[2 * node], _max[(2 * node) + 1]) + _pending[node];
        }
    }
}
