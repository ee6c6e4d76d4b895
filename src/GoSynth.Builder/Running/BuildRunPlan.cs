using System.Collections.Immutable;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Builder.Running;

/// <summary>What <see cref="BuildRunner.PlanAsync"/> found: the plan a run would follow, without running it.</summary>
/// <param name="Plan">Every node's decision, with its reason.</param>
/// <param name="Problem">The ports the scheduler would get, with their expected durations (history, else a prior).</param>
/// <param name="Builders">How many ports the run would build at once.</param>
/// <param name="Scan">The scan the plan was made from: its make queries, cache hits and notes.</param>
public sealed record BuildRunPlan(BuildPlan Plan, SchedulingProblem Problem, int Builders, PortScanResult Scan)
{
    /// <summary>The scan's notes (ports evaluated with a fallback, moved ports, and why).</summary>
    public ImmutableArray<string> Notes => Scan.Notes;
}
