using System.Collections.Immutable;

namespace GoSynth.Builder.Simulation;

/// <summary>The outcome of a simulated run.</summary>
/// <param name="Makespan">When the last port finished.</param>
/// <param name="CriticalPath">The longest chain of actual durations.</param>
/// <param name="TotalWork">The sum of the actual durations of the ports that ran.</param>
/// <param name="Builders">The number of builders.</param>
/// <param name="StartOrder">The ports in the order they started (indexes into the problem).</param>
/// <param name="Failed">The ports that failed.</param>
/// <param name="Skipped">The ports skipped because a dependency failed.</param>
public sealed record SimulationResult(
    TimeSpan Makespan, TimeSpan CriticalPath, TimeSpan TotalWork, int Builders,
    ImmutableArray<int> StartOrder, ImmutableArray<int> Failed, ImmutableArray<int> Skipped)
{
    /// <summary>The lower bound no schedule can beat: max(critical path, total work ÷ builders).</summary>
    public TimeSpan LowerBound => TimeSpan.FromSeconds(Math.Max(CriticalPath.TotalSeconds, TotalWork.TotalSeconds / Builders));

    /// <summary><see cref="Makespan"/> ÷ <see cref="LowerBound"/> (1 is perfect).</summary>
    public double Ratio => LowerBound <= TimeSpan.Zero ? 1 : Makespan / LowerBound;
}
