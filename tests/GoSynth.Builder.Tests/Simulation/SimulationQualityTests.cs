using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;

namespace GoSynth.Builder.Tests.Simulation;

/// <summary>Schedule quality on ports-like graphs with real build durations, against the lower bound and the peers' heuristics.</summary>
public sealed class SimulationQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void CriticalPath_WithHistory_WithinTwoPercentOfTheLowerBound(int builders)
    {
        foreach (var seed in new[] { 1, 2 })
        {
            var (truth, actual) = SyntheticWorkload.Create(2_000, seed);
            var estimated = truth.WithExpected(SyntheticWorkload.Noisy(actual, 0.5, seed));

            var result = ScheduleSimulator.Run(estimated, actual, builders, SchedulingPolicy.CriticalPath);
            var peers = new[] { SchedulingPolicy.DsynthAsCoded, SchedulingPolicy.DsynthTwoKeys, SchedulingPolicy.PoudriereLongestChain, SchedulingPolicy.Fifo }
                .ToDictionary(p => p, p => ScheduleSimulator.Run(estimated, actual, builders, p).Ratio);
            output.WriteLine($"builders {builders} seed {seed}: gosynth {result.Ratio:F3} " + string.Join(" ", peers.Select(p => $"{p.Key} {p.Value:F3}")));

            Assert.True(result.Ratio <= 1.02, $"makespan {result.Makespan} is {result.Ratio:F3} × the lower bound {result.LowerBound}");
        }
    }

    [Fact]
    public void Estimate_ExactDurations_EtaEqualsTheSimulatedMakespan()
    {
        var (truth, actual) = SyntheticWorkload.Create(500, 3);

        var eta = ScheduleSimulator.Estimate(truth, 8);
        var run = ScheduleSimulator.Run(truth, actual, 8, SchedulingPolicy.CriticalPath);

        Assert.Equal(run.Makespan, eta.Makespan);
        Assert.True(eta.Makespan >= eta.LowerBound);
    }
}
