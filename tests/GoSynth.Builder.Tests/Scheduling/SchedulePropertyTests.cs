using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;

namespace GoSynth.Builder.Tests.Scheduling;

/// <summary>Properties of the scheduling core on random DAGs, for every policy.</summary>
public sealed class SchedulePropertyTests
{
    public static TheoryData<SchedulingPolicy> Policies() => [.. Enum.GetValues<SchedulingPolicy>()];

    [Theory]
    [MemberData(nameof(Policies))]
    public void Simulate_RandomDags_DependenciesFinishFirstAndEveryNodeRunsOnce(SchedulingPolicy policy)
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var (problem, durations, edges) = RandomDag.Create(seed, 40 + seed * 3);
            var builders = 1 + (seed % 7);
            var seconds = durations.Select(d => d.TotalSeconds).ToArray();

            var trace = ScheduleSimulator.Simulate(problem, seconds, builders, policy, failing: null, recordTrace: false);

            Assert.Equal(problem.Count, trace.Starts.Count);
            Assert.Equal(problem.Count, trace.Starts.Distinct().Count());
            foreach (var (dependent, dependency) in edges)
            {
                Assert.True(trace.StartAt[dependent] >= trace.FinishAt[dependency], $"seed {seed}: {dependent} started before {dependency} finished");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Simulate_RandomDags_NoSlotIdlesWhileAPortIsReady(SchedulingPolicy policy)
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var (problem, durations, edges) = RandomDag.Create(seed, 60);
            var builders = 1 + (seed % 5);
            var seconds = durations.Select(d => d.TotalSeconds).ToArray();
            var trace = ScheduleSimulator.Simulate(problem, seconds, builders, policy, failing: null, recordTrace: false);
            var depsOf = edges.ToLookup(e => e.Dependent, e => e.Dependency);

            for (var v = 0; v < problem.Count; v++)
            {
                var ready = depsOf[v].Select(d => trace.FinishAt[d]).DefaultIfEmpty(0).Max();
                if (trace.StartAt[v] > ready)
                {
                    var busy = Enumerable.Range(0, problem.Count).Count(u => trace.StartAt[u] <= ready && ready < trace.FinishAt[u]);
                    Assert.True(busy == builders, $"seed {seed}: port {v} ready at {ready} waited until {trace.StartAt[v]} with {busy}/{builders} busy");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Simulate_RandomFailures_SkipExactlyTheDescendants(SchedulingPolicy policy)
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var (problem, durations, edges) = RandomDag.Create(seed, 80);
            var random = new Random(seed);
            var failing = Enumerable.Range(0, problem.Count).Where(_ => random.Next(15) == 0).ToHashSet();

            var result = ScheduleSimulator.Run(problem, durations, 4, policy, failing);

            var expectedSkipped = RandomDag.Descendants(result.Failed, edges);
            Assert.Equal(expectedSkipped.Order(), result.Skipped.Order());
            Assert.All(result.Failed, f => Assert.Contains(f, failing));
            Assert.Empty(result.Skipped.Intersect(result.StartOrder));
            Assert.Equal(problem.Count, result.StartOrder.Length + result.Skipped.Length);
            Assert.Equal(failing.Except(expectedSkipped).Order(), result.Failed.Order());
        }
    }

    [Fact]
    public void Simulate_Makespan_NeverBelowTheLowerBound()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var (problem, durations, _) = RandomDag.Create(seed, 100);
            foreach (var policy in Enum.GetValues<SchedulingPolicy>())
            {
                var result = ScheduleSimulator.Run(problem, durations, 1 + (seed % 8), policy);
                Assert.True(result.Makespan >= result.LowerBound - TimeSpan.FromMilliseconds(1), $"{policy} seed {seed}");
            }
        }
    }

    [Fact]
    public void Simulate_OneBuilder_MakespanIsTheTotalWork()
    {
        var (problem, durations, _) = RandomDag.Create(7, 50);

        var result = ScheduleSimulator.Run(problem, durations, 1, SchedulingPolicy.CriticalPath);

        Assert.Equal(TimeSpan.FromSeconds(durations.Sum(d => d.TotalSeconds)), result.Makespan);
    }
}
