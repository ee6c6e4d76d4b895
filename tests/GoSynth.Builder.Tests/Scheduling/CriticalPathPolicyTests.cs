using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;
using GoSynth.Pkg.Graph;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Scheduling;

/// <summary>What GoSynth's priority prefers, on small graphs where the right choice is known.</summary>
public sealed class CriticalPathPolicyTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void EqualPriors_LongerChainFirst()
    {
        // leaf, and start -> middle -> end: with one builder and equal estimates, the chain's head goes first.
        var problem = SchedulingProblem.Create(["c/leaf", "c/start", "c/middle", "c/end"], [(2, 1), (3, 2)], [Minute, Minute, Minute, Minute]);

        var order = FirstStarts(problem, SchedulingPolicy.CriticalPath);

        Assert.Equal("c/start", order[0]);
    }

    [Fact]
    public void EqualPriors_EqualChains_ThePortUnlockingMoreWorkGoesFirst()
    {
        // narrow (index 0) unlocks one port, wide (index 1) three; both chains are two ports long.
        var problem = SchedulingProblem.Create(
            ["c/narrow", "c/wide", "c/n1", "c/w1", "c/w2", "c/w3"],
            [(2, 0), (3, 1), (4, 1), (5, 1)],
            [Minute, Minute, Minute, Minute, Minute, Minute]);

        var order = FirstStarts(problem, SchedulingPolicy.CriticalPath);

        Assert.Equal("c/wide", order[0]);
    }

    [Fact]
    public void Durations_WeighTheChain_WherePoudrieresCountOfPortsDoesNot()
    {
        // Two chains of three one-minute ports, and short -> long (100 minutes): fewer ports, far more time.
        var problem = SchedulingProblem.Create(
            ["c/a", "c/b", "c/c", "c/d", "c/e", "c/f", "c/short", "c/long"],
            [(1, 0), (2, 1), (4, 3), (5, 4), (7, 6)],
            [Minute, Minute, Minute, Minute, Minute, Minute, Minute, 100 * Minute]);

        Assert.Equal("c/short", FirstStarts(problem, SchedulingPolicy.CriticalPath)[0]);
        Assert.Equal("c/a", FirstStarts(problem, SchedulingPolicy.PoudriereLongestChain)[0]);
        // Two builders: the long port starts after a minute (101 in all); counting ports starts it after three (103).
        Assert.Equal(TimeSpan.FromMinutes(101), ScheduleSimulator.Estimate(problem, 2).Makespan);
        Assert.Equal(TimeSpan.FromMinutes(103), ScheduleSimulator.Estimate(problem, 2, SchedulingPolicy.PoudriereLongestChain).Makespan);
    }

    [Fact]
    public void PriorOnly_ThePortWithHeavyUsesGoesFirst()
    {
        // No history: both ports are leaves, so each one's priority is its prior; cargo scales it, and the heavy port
        // sorts last by name, so only the prior can put it first.
        var graph = new GraphBuilder().Port("aaa/tool").Port("zzz/crate", p => p.Uses("cargo")).Build();
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" }, TestContext.Current.CancellationToken);
        var estimator = DurationEstimator.Create(graph, null, Minute);
        var problem = SchedulingProblem.FromPlan(plan, estimator.Estimate);

        var order = FirstStarts(problem, SchedulingPolicy.CriticalPath);

        Assert.Equal([PortGraph.BootstrapOrigin, "zzz/crate", "aaa/tool"], order);
        Assert.Equal([PortGraph.BootstrapOrigin, "aaa/tool", "zzz/crate"], FirstStarts(problem.WithExpected([Minute, Minute, Minute]), SchedulingPolicy.CriticalPath));
    }

    /// <summary>The names of the ports in the order one builder starts them.</summary>
    private static string[] FirstStarts(SchedulingProblem problem, SchedulingPolicy policy) =>
        [.. ScheduleSimulator.Estimate(problem, 1, policy).StartOrder.Select(i => problem.Names[i])];
}
