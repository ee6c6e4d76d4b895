using BenchmarkDotNet.Attributes;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// Scheduler overhead on a generated 30,000-port graph: a full simulated bulk (problem from the plan, then every
/// decision on the virtual clock; target ≤ 2 s), the simulation alone, and the real scheduler driving an executor
/// that finishes every port at once (the cost of the decisions, channel and bookkeeping per port).
/// </summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private BuilderWorkload _workload = null!;
    private DurationEstimator _estimator = null!;
    private SchedulingProblem _problem = null!;
    private TimeSpan[] _actual = null!;

    /// <summary>Number of ports in the generated graph.</summary>
    [Params(30_000)]
    public int Ports { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = BuilderWorkload.Generated(Ports, 2024);
        _estimator = new DurationEstimator(_workload.NoisyHistory(0.5, 1.0, 7));
        (_problem, _actual) = _workload.Problem(_estimator);
    }

    /// <summary>What the 2 s target is about: problem from the plan, priorities, and a simulated bulk on 16 builders.</summary>
    [Benchmark(Baseline = true)]
    public double FullSimulatedBulk()
    {
        var (problem, actual) = _workload.Problem(_estimator);
        return ScheduleSimulator.Run(problem, actual, 16, SchedulingPolicy.CriticalPath).Makespan.TotalSeconds;
    }

    /// <summary>The simulation of a prepared problem.</summary>
    [Benchmark]
    public double SimulateOnly() => ScheduleSimulator.Run(_problem, _actual, 16, SchedulingPolicy.CriticalPath).Makespan.TotalSeconds;

    /// <summary>The real scheduler with an executor that finishes every port at once.</summary>
    [Benchmark]
    public async Task<int> RealSchedulerInstantExecutor()
    {
        var results = await new BuildScheduler(new InstantExecutor(), new SchedulerOptions { Builders = 16 }).RunAsync(_problem);
        return results.Length;
    }

    private sealed class InstantExecutor : IPortBuildExecutor
    {
        public ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(PortBuildOutcome.Success);
    }
}
