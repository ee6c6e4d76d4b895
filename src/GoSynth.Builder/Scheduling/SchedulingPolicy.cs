namespace GoSynth.Builder.Scheduling;

/// <summary>How the scheduler picks the next port among those ready.</summary>
public enum SchedulingPolicy
{
    /// <summary>
    /// GoSynth's: the longest remaining path to the end of the graph, each port weighted by its expected duration.
    /// </summary>
    CriticalPath,

    /// <summary>
    /// dsynth as coded: half the slots take the port most others wait on (direct dependents × depth), half the port
    /// with the most direct dependencies, from a snapshot of the ready list that is dispatched whole before ports
    /// that became ready meanwhile are considered.
    /// </summary>
    DsynthAsCoded,

    /// <summary>dsynth's two keys without the snapshot: each free slot takes the best ready port by its key.</summary>
    DsynthTwoKeys,

    /// <summary>poudriere: the longest chain of ports waiting on a port (counted in ports, not time).</summary>
    PoudriereLongestChain,

    /// <summary>First ready, first built.</summary>
    Fifo,
}
