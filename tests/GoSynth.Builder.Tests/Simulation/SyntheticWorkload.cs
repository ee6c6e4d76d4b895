using System.Globalization;
using GoSynth.Builder.Scheduling;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Simulation;

/// <summary>
/// A ports-like DAG (a few ports with thousands of dependents, most with a handful; each port depends on 0–8 earlier
/// ones) with durations drawn from real poudriere builds (tests/data/build-times/durations.tsv).
/// </summary>
internal static class SyntheticWorkload
{
    private static readonly Lazy<double[]> RealDurations = new(() => File.ReadLines(Path.Combine(RepositoryPaths.TestData, "build-times", "durations.tsv"))
        .Skip(1)
        .Select(line => line.Split('\t'))
        .Where(f => f[3] == "Finished" && f[4] == "Success")
        .Select(f => double.Parse(f[7], CultureInfo.InvariantCulture))
        .Where(d => d > 0)
        .ToArray());

    public static double[] Durations => RealDurations.Value;

    public static (SchedulingProblem Truth, TimeSpan[] Actual) Create(int count, int seed)
    {
        var random = new Random(seed);
        var counts = new[] { 0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8 };
        var edges = new List<(int, int)>();
        for (var v = 1; v < count; v++)
        {
            var chosen = new HashSet<int>();
            var deps = counts[random.Next(counts.Length)];
            for (var k = 0; k < deps; k++)
            {
                var u = random.NextDouble();
                chosen.Add((int)(v * u * u * u));
            }

            edges.AddRange(chosen.Select(d => (v, d)));
        }

        var actual = Enumerable.Range(0, count).Select(_ => TimeSpan.FromSeconds(Durations[random.Next(Durations.Length)])).ToArray();
        var names = Enumerable.Range(0, count).Select(i => $"cat/port{i:D5}").ToArray();
        return (SchedulingProblem.Create(names, edges, actual), actual);
    }

    /// <summary>Estimates off by a lognormal factor with the given σ.</summary>
    public static TimeSpan[] Noisy(TimeSpan[] actual, double sigma, int seed)
    {
        var random = new Random(seed);
        return [.. actual.Select(a =>
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return a * Math.Exp(sigma * z);
        })];
    }
}
