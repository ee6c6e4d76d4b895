using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>The build history the planner and the scheduler read: last successful builds and expected durations.</summary>
public interface IBuildHistory
{
    /// <summary>The node's last successful build, or null when it never built.</summary>
    PreviousBuild? GetLastSuccess(PortId id);

    /// <summary>How long the node's build is expected to take from its own history, or null when there is none.</summary>
    TimeSpan? GetExpectedDuration(PortId id);
}
