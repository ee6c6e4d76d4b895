namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>Creates the ready set of a policy.</summary>
internal static class ReadySets
{
    public static IReadySet Create(SchedulingPolicy policy, SchedulingGraph graph, double[] expectedSeconds, int workers) => policy switch
    {
        SchedulingPolicy.CriticalPath => new PriorityReadySet(graph.LongestPathToEnd(expectedSeconds), DependentCounts(graph)),
        SchedulingPolicy.PoudriereLongestChain => new PriorityReadySet(graph.LongestPathToEnd(Enumerable.Repeat(1.0, graph.Count).ToArray())),
        SchedulingPolicy.DsynthAsCoded => new DsynthReadySet(graph, workers, batched: true),
        SchedulingPolicy.DsynthTwoKeys => new DsynthReadySet(graph, workers, batched: false),
        SchedulingPolicy.Fifo => new FifoReadySet(),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown scheduling policy."),
    };

    /// <summary>Direct dependents per port: among equally long paths, unblock more ports first.</summary>
    private static double[] DependentCounts(SchedulingGraph graph)
    {
        var counts = new double[graph.Count];
        for (var v = 0; v < graph.Count; v++)
        {
            counts[v] = graph.Dependents(v).Length;
        }

        return counts;
    }
}
