using GoSynth.Benchmarks.Graph;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;

namespace GoSynth.Benchmarks.Builder;

/// <summary>A generated ports graph planned from scratch (every port new), with real build durations per port.</summary>
internal sealed class BuilderWorkload
{
    public BuilderWorkload(PortGraph graph, Dictionary<PortId, TimeSpan> actual)
    {
        Graph = graph;
        Actual = actual;
        Plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" });
    }

    public PortGraph Graph { get; }

    public BuildPlan Plan { get; }

    public Dictionary<PortId, TimeSpan> Actual { get; }

    public static BuilderWorkload Generated(int ports, int seed)
    {
        var results = SyntheticPortGraph.Generate(ports, seed);
        return new BuilderWorkload(PortGraph.Build(results, results.Select(r => r.Id)), SyntheticPortGraph.Durations(results, seed + 1));
    }

    /// <summary>The problem with estimates from <paramref name="estimator"/>, and the true durations in problem order.</summary>
    public (SchedulingProblem Problem, TimeSpan[] Actual) Problem(DurationEstimator estimator)
    {
        var problem = SchedulingProblem.FromPlan(Plan, estimator.Estimate);
        return (problem, [.. problem.Names.Select(n => Actual.GetValueOrDefault(PortId.TryParse(n, out var id) ? id.Value : default, TimeSpan.FromMinutes(1)))]);
    }

    /// <summary>A history whose durations are the truth off by a lognormal factor (σ), for a share of the ports.</summary>
    public BuildHistorySnapshot NoisyHistory(double sigma, double share, int seed)
    {
        var random = new Random(seed);
        var history = new BuildHistorySnapshot();
        foreach (var (id, duration) in Actual.OrderBy(p => p.Key))
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            if (random.NextDouble() < share)
            {
                history.SetExpectedDuration(id, duration * Math.Exp(sigma * z));
            }
        }

        return history;
    }
}
