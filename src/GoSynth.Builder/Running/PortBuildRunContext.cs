using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;

namespace GoSynth.Builder.Running;

/// <summary>What an executor is created with for one run.</summary>
/// <param name="RunId">The run's id in the build database.</param>
/// <param name="Slots">How many slots the scheduler hands ports to (slot numbers 0 … Slots − 1).</param>
/// <param name="Events">Where the executor publishes <see cref="PortPhaseEvent"/>s and anything else it reports.</param>
/// <param name="Options">The configuration of the run.</param>
public sealed record PortBuildRunContext(long RunId, int Slots, IBuildEventSink Events, BuilderOptions Options)
{
    /// <summary>What the run does with each port: build it, fetch its distfiles only, or build it in test mode.</summary>
    public BuildRunMode Mode { get; init; }
}
