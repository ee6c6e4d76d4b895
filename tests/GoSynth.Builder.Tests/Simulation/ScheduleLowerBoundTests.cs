using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;

namespace GoSynth.Builder.Tests.Simulation;

/// <summary>
/// <see cref="ScheduleSimulator.LowerBound"/>: on small graphs whose optimum is known by hand it equals the optimum
/// where max(critical path, work ÷ builders) does not, and on random graphs it never exceeds what any policy achieves.
/// </summary>
public sealed class ScheduleLowerBoundTests
{
    [Fact]
    public void WorkThatCanOnlyStartLate_MustFitAfterItsEarliestStart()
    {
        // r (1 h), then four 2-hour ports that all need r, on 2 builders: nothing of the 8 hours can start before
        // hour 1, so the optimum is 1 + 8 ÷ 2 = 5 h; the classic bound says max(3, 9 ÷ 2) = 4.5 h.
        var problem = Problem(["r", "a", "b", "c", "d"], [(1, 0), (2, 0), (3, 0), (4, 0)], 1, 2, 2, 2, 2);

        var (bound, run) = BoundAndRun(problem, 2);

        Assert.Equal(TimeSpan.FromHours(5), bound);
        Assert.Equal(TimeSpan.FromHours(4.5), run.LowerBound);
        Assert.Equal(TimeSpan.FromHours(5), run.Makespan);
    }

    [Fact]
    public void APortStartsOnlyAfterAllItsAncestorsWork_SharedAmongTheBuilders()
    {
        // Four independent 2-hour ports, then z (3 h) that needs all of them, on 2 builders: z starts at 8 ÷ 2 = 4 h at
        // the earliest, so the optimum is 7 h; the classic bound says max(2 + 3, 11 ÷ 2) = 5.5 h.
        var problem = Problem(["a", "b", "c", "d", "z"], [(4, 0), (4, 1), (4, 2), (4, 3)], 2, 2, 2, 2, 3);

        var (bound, run) = BoundAndRun(problem, 2);

        Assert.Equal(TimeSpan.FromHours(7), bound);
        Assert.Equal(TimeSpan.FromHours(5.5), run.LowerBound);
        Assert.Equal(TimeSpan.FromHours(7), run.Makespan);
    }

    [Fact]
    public void AWindowWithNoPortInIt_BoundsNothing()
    {
        // x (5 h) → y (1 h) and p (1 h) → q (5 h): y cannot start before 5 h and p must leave 5 h after it, but no
        // port has both, so 5 + 5 is no bound. Optimum on 2 builders: 6 h (x and p, then q, then y).
        var problem = Problem(["x", "y", "p", "q"], [(1, 0), (3, 2)], 5, 1, 1, 5);

        var (bound, run) = BoundAndRun(problem, 2);

        Assert.Equal(TimeSpan.FromHours(6), bound);
        Assert.Equal(TimeSpan.FromHours(6), run.Makespan);
    }

    [Fact]
    public void OneBuilder_TheBoundIsTheTotalWork()
    {
        var (truth, actual) = SyntheticWorkload.Create(300, 7);

        var bound = ScheduleSimulator.LowerBound(truth, actual, 1);
        var run = ScheduleSimulator.Run(truth, actual, 1, SchedulingPolicy.Fifo);

        Assert.Equal(run.TotalWork.TotalSeconds, bound.TotalSeconds, 6);
        Assert.Equal(run.Makespan.TotalSeconds, bound.TotalSeconds, 6);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomGraphs_NoPolicyEverBeatsTheBound_AndItIsNeverBelowTheClassicOne(int seed)
    {
        var (truth, actual) = SyntheticWorkload.Create(800, seed);
        var random = new Random(seed);
        foreach (var builders in new[] { 2, 4, 8, 16, 32, 64 })
        {
            var bound = ScheduleSimulator.LowerBound(truth, actual, builders);
            foreach (var policy in Enum.GetValues<SchedulingPolicy>())
            {
                var run = ScheduleSimulator.Run(truth, actual, builders, policy);
                Assert.True(bound <= run.Makespan + TimeSpan.FromMilliseconds(1), $"{policy}, {builders} builders: bound {bound} above makespan {run.Makespan}");
                Assert.True(bound >= run.LowerBound - TimeSpan.FromMilliseconds(1), $"{builders} builders: bound {bound} below max(cp, work ÷ m) {run.LowerBound}");
            }

            // Priorities from wrong estimates give other schedules; none may beat the bound either.
            for (var trial = 0; trial < 5; trial++)
            {
                var guessed = truth.WithExpected([.. actual.Select(t => t * Math.Exp((random.NextDouble() * 4) - 2))]);
                var run = ScheduleSimulator.Run(guessed, actual, builders, SchedulingPolicy.CriticalPath);
                Assert.True(bound <= run.Makespan + TimeSpan.FromMilliseconds(1), $"{builders} builders, trial {trial}: bound {bound} above makespan {run.Makespan}");
            }
        }
    }

    private static SchedulingProblem Problem(string[] names, (int Dependent, int Dependency)[] edges, params double[] hours) =>
        SchedulingProblem.Create(names, edges, [.. hours.Select(TimeSpan.FromHours)]);

    private static (TimeSpan Bound, SimulationResult Run) BoundAndRun(SchedulingProblem problem, int builders)
    {
        var actual = Enumerable.Range(0, problem.Count).Select(i => problem.ExpectedSeconds[i]).Select(TimeSpan.FromSeconds).ToArray();
        return (ScheduleSimulator.LowerBound(problem, actual, builders), ScheduleSimulator.Run(problem, actual, builders, SchedulingPolicy.CriticalPath));
    }
}
