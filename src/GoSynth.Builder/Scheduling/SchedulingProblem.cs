using System.Collections.Immutable;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling.Internal;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// What a run has to build, as the scheduler sees it: the ports a plan builds, their dependencies among each other,
/// and each one's expected duration. Meta ports take no time and no slot. When <c>ports-mgmt/pkg</c> is built, every
/// other port except its own dependencies waits for it, as dsynth builds it first.
/// </summary>
public sealed class SchedulingProblem
{
    internal SchedulingProblem(SchedulingGraph graph, double[] expectedSeconds, PortNode[]? nodes)
    {
        Graph = graph;
        ExpectedSeconds = expectedSeconds;
        Nodes = nodes;
    }

    internal SchedulingGraph Graph { get; }

    internal double[] ExpectedSeconds { get; }

    internal PortNode[]? Nodes { get; }

    /// <summary>The number of ports to schedule.</summary>
    public int Count => Graph.Count;

    /// <summary>The ports, in index order.</summary>
    public ImmutableArray<string> Names => [.. Graph.Names];

    /// <summary>The expected duration of the longest chain.</summary>
    public TimeSpan ExpectedCriticalPath => TimeSpan.FromSeconds(Count == 0 ? 0 : Graph.LongestPathToEnd(ExpectedSeconds).Max());

    /// <summary>The expected total work (sum of durations).</summary>
    public TimeSpan ExpectedWork => TimeSpan.FromSeconds(ExpectedSeconds.Sum());

    /// <summary>The ports of <paramref name="plan"/> that are built (and meta ports above them), with expected durations.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="expected">The expected duration of each port (see <see cref="DurationEstimator"/>).</param>
    public static SchedulingProblem FromPlan(BuildPlan plan, Func<PortNode, TimeSpan> expected)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(expected);
        var graph = plan.Graph;
        var index = new int[graph.Count];
        Array.Fill(index, -1);
        var nodes = new List<PortNode>();
        foreach (var node in graph.TopologicalOrder)
        {
            var action = plan[node].Action;
            var metaOverBuild = action == PlanAction.Meta && graph.GetDirectDependencies(node).Any(d => index[d.Index] >= 0);
            if (action == PlanAction.Build || metaOverBuild)
            {
                index[node.Index] = nodes.Count;
                nodes.Add(node);
            }
        }

        var edges = new List<(int, int)>();
        // A tree without a pkg port (the scan says so in its notes) has no bootstrap to order first.
        var bootstrap = graph.HasBootstrap ? index[graph.Bootstrap.Index] : -1;
        var bootstrapClosure = bootstrap >= 0 ? graph.GetTransitiveDependencies(graph.Bootstrap).Select(n => n.Index).ToHashSet() : [];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            foreach (var dependency in graph.GetDirectDependencies(node))
            {
                if (index[dependency.Index] >= 0)
                {
                    edges.Add((i, index[dependency.Index]));
                }
            }

            if (bootstrap >= 0 && i != bootstrap && !bootstrapClosure.Contains(node.Index) && !graph.GetDirectDependencies(node).Any(d => d.Index == graph.Bootstrap.Index))
            {
                edges.Add((i, bootstrap));
            }
        }

        var instant = nodes.Select(n => plan[n].Action == PlanAction.Meta).ToArray();
        var seconds = nodes.Select((n, i) => instant[i] ? 0 : Math.Max(0, expected(n).TotalSeconds)).ToArray();
        return new SchedulingProblem(new SchedulingGraph([.. nodes.Select(n => n.Id.ToString())], instant, edges), seconds, [.. nodes]);
    }

    /// <summary>A problem given directly: names, edges (dependent, dependency) by index, and expected durations.</summary>
    /// <exception cref="InvalidOperationException">The edges form a cycle.</exception>
    public static SchedulingProblem Create(IReadOnlyList<string> names, IReadOnlyList<(int Dependent, int Dependency)> edges, IReadOnlyList<TimeSpan> expected)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.Count != names.Count)
        {
            throw new ArgumentException($"{expected.Count} durations for {names.Count} ports.", nameof(expected));
        }

        return new SchedulingProblem(
            new SchedulingGraph([.. names], new bool[names.Count], edges),
            [.. expected.Select(t => Math.Max(0, t.TotalSeconds))],
            null);
    }

    /// <summary>The same ports and edges with other expected durations (e.g. estimates instead of the truth).</summary>
    public SchedulingProblem WithExpected(IReadOnlyList<TimeSpan> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.Count != Count)
        {
            throw new ArgumentException($"{expected.Count} durations for {Count} ports.", nameof(expected));
        }

        return new SchedulingProblem(Graph, [.. expected.Select((t, i) => Graph.Instant[i] ? 0 : Math.Max(0, t.TotalSeconds))], Nodes);
    }
}
