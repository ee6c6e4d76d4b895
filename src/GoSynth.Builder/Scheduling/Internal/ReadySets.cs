namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>Creates the ready set of a policy.</summary>
internal static class ReadySets
{
    public static IReadySet Create(SchedulingPolicy policy, SchedulingGraph graph, double[] expectedSeconds, int workers) => policy switch
    {
        SchedulingPolicy.CriticalPath => new PriorityReadySet(graph.LongestPathToEnd(expectedSeconds)),
        SchedulingPolicy.PoudriereLongestChain => new PriorityReadySet(graph.LongestPathToEnd(Enumerable.Repeat(1.0, graph.Count).ToArray())),
        SchedulingPolicy.DsynthAsCoded => new DsynthReadySet(graph, workers, batched: true),
        SchedulingPolicy.DsynthTwoKeys => new DsynthReadySet(graph, workers, batched: false),
        SchedulingPolicy.Fifo => new FifoReadySet(),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown scheduling policy."),
    };
}
