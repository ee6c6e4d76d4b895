using System.Globalization;
using GoSynth.Benchmarks.Graph;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

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

    /// <summary>
    /// The same generated graph, but each port's true duration is drawn from the real builds of its own category
    /// (from all builds when its category has fewer than five), so a port's category says something about its
    /// duration, as it does in a real tree.
    /// </summary>
    public static BuilderWorkload GeneratedByCategory(int ports, int seed)
    {
        var results = SyntheticPortGraph.Generate(ports, seed);
        var builds = File.ReadLines(Path.Combine(RepositoryPaths.TestData, "build-times", "durations.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(f => f[3] == "Finished" && f[4] == "Success")
            .Select(f => (Category: f[1][..f[1].IndexOf('/', StringComparison.Ordinal)], Duration: TimeSpan.FromSeconds(double.Parse(f[7], CultureInfo.InvariantCulture))))
            .ToArray();
        var random = new Random(seed + 1);
        var actual = new Dictionary<PortId, TimeSpan>();
        foreach (var result in results)
        {
            var pool = builds.Where(b => b.Category == result.Id.Category).ToArray();
            pool = pool.Length >= 5 ? pool : builds;
            actual[result.Id] = pool[random.Next(pool.Length)].Duration;
        }

        return new BuilderWorkload(PortGraph.Build(results, results.Select(r => r.Id)), actual);
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
