using System.Globalization;
using System.Text;
using GoSynth.Benchmarks.Graph;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;
using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// Schedule quality, not speed: for generated ports graphs (and the scan graph of a tree given with
/// <c>--tree DIR</c>), durations drawn from real poudriere builds, and 4–64 builders, the makespan of each policy
/// divided by <see cref="ScheduleSimulator.LowerBound"/> (never below max(critical path, total work ÷ builders), which
/// is shown beside it). Three estimate regimes: a full history
/// off by a lognormal σ = 0.5, half the ports with history (the rest from the prior), and the prior only. Then the
/// prior only on the same graphs with each port's duration drawn from builds of its own category, and a summary over
/// held-out seeds (<c>--held-out N</c> groups of three graphs, default 20; 0 skips it).
/// Run: <c>dotnet run -c Release --project benchmarks/GoSynth.Benchmarks -- scheduler-quality [--tree DIR] [--held-out N]</c>.
/// </summary>
internal static class SchedulerQualityReport
{
    private static readonly int[] BuilderCounts = [4, 8, 16, 32, 64];

    private static readonly SchedulingPolicy[] Policies =
    [
        SchedulingPolicy.CriticalPath, SchedulingPolicy.DsynthAsCoded, SchedulingPolicy.DsynthTwoKeys,
        SchedulingPolicy.PoudriereLongestChain, SchedulingPolicy.Fifo,
    ];

    private static readonly (string Name, Func<BuilderWorkload, DurationEstimator> Estimator)[] Regimes =
    [
        ("history, lognormal σ = 0.5", w => DurationEstimator.Create(w.Graph, w.NoisyHistory(0.5, 1.0, 5))),
        ("half the ports with history", w => DurationEstimator.Create(w.Graph, w.NoisyHistory(0.5, 0.5, 5))),
        ("no history (prior only)", w => DurationEstimator.Create(w.Graph, null, TimeSpan.FromSeconds(MeanDuration(w)))),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var workloads = new List<(string Name, BuilderWorkload Workload, int Regimes)>
        {
            ("generated 1,000 (seed 11)", BuilderWorkload.Generated(1_000, 11), 3),
            ("generated 2,300 (seed 12)", BuilderWorkload.Generated(2_300, 12), 3),
            ("generated 5,000 (seed 13)", BuilderWorkload.Generated(5_000, 13), 3),
            ("generated 1,000 (seed 11), durations by category", BuilderWorkload.GeneratedByCategory(1_000, 11), 1),
            ("generated 2,300 (seed 12), durations by category", BuilderWorkload.GeneratedByCategory(2_300, 12), 1),
            ("generated 5,000 (seed 13), durations by category", BuilderWorkload.GeneratedByCategory(5_000, 13), 1),
        };
        var tree = args.SkipWhile(a => a != "--tree").Skip(1).FirstOrDefault();
        if (tree is not null)
        {
            workloads.Add(($"scan of {Path.GetFileName(Path.TrimEndingDirectorySeparator(tree))}", await ScanAsync(tree), 3));
        }

        var text = new StringBuilder();
        foreach (var (name, workload, regimeCount) in workloads)
        {
            // A workload showing one regime shows the prior only: the regime its duration model is about.
            foreach (var (regime, estimator) in regimeCount == Regimes.Length ? Regimes : Regimes[^regimeCount..])
            {
                var (problem, actual) = workload.Problem(estimator(workload));
                text.Append(CultureInfo.InvariantCulture, $"\n#### {name}: {problem.Count} ports to build; {regime}\n\n");
                text.Append("| builders | lower bound | max(cp, work ÷ m) | GoSynth | dsynth as coded | dsynth two keys | poudriere | FIFO |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                foreach (var builders in BuilderCounts)
                {
                    var results = Policies.Select(p => ScheduleSimulator.Run(problem, actual, builders, p)).ToArray();
                    var bound = ScheduleSimulator.LowerBound(problem, actual, builders);
                    text.Append(CultureInfo.InvariantCulture, $"| {builders} | {Hours(bound)} | {Hours(results[0].LowerBound)} | ");
                    text.Append(string.Join(" | ", results.Select(r => (r.Makespan / bound).ToString("F3", CultureInfo.InvariantCulture)))).Append(" |\n");
                }
            }
        }

        var heldOut = int.Parse(args.SkipWhile(a => a != "--held-out").Skip(1).FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
        if (heldOut > 0)
        {
            AppendHeldOut(text, heldOut);
        }

        await System.Console.Out.WriteAsync(text.ToString());
        return 0;
    }

    /// <summary>
    /// Seeds never used while choosing the policy or the prior: <paramref name="groups"/> groups of three graphs
    /// (1,000, 2,300, 5,000 ports; seeds 101 + 100 k, +1, +2), every builder count. Per duration model and regime: the
    /// mean ratio of each policy over all cells, GoSynth minus the better peer per cell (mean ± standard error), the
    /// share of cells where GoSynth is at most the better peer, and the worst GoSynth cell.
    /// </summary>
    private static void AppendHeldOut(StringBuilder text, int groups)
    {
        var models = new (string Name, Func<int, int, BuilderWorkload> Create)[]
        {
            ("durations independent of the port", BuilderWorkload.Generated),
            ("durations by category", BuilderWorkload.GeneratedByCategory),
        };
        text.Append(CultureInfo.InvariantCulture, $"\n#### held-out seeds: {groups} × 3 graphs × {BuilderCounts.Length} builder counts = {groups * 3 * BuilderCounts.Length} cells each\n\n");
        text.Append("| durations | regime | GoSynth | dsynth as coded | dsynth two keys | poudriere | FIFO | GoSynth − poudriere | GoSynth − better peer | GoSynth ≤ better peer | poudriere ≤ better dsynth | GoSynth > 1.02 | worst GoSynth | GoSynth > 1.02 × max(cp, work ÷ m) |\n");
        text.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        var above = new StringBuilder();
        foreach (var (model, create) in models)
        {
            foreach (var (regime, estimator) in Regimes)
            {
                var cells = new List<double[]>();
                var classic = 0;
                for (var g = 0; g < groups; g++)
                {
                    foreach (var (size, offset) in new[] { (1_000, 0), (2_300, 1), (5_000, 2) })
                    {
                        var seed = 101 + (100 * g) + offset;
                        var workload = create(size, seed);
                        var (problem, actual) = workload.Problem(estimator(workload));
                        foreach (var b in BuilderCounts)
                        {
                            var bound = ScheduleSimulator.LowerBound(problem, actual, b);
                            var runs = Policies.Select(p => ScheduleSimulator.Run(problem, actual, b, p)).ToArray();
                            var ratios = runs.Select(r => r.Makespan / bound).ToArray();
                            cells.Add(ratios);
                            classic += runs[0].Ratio > 1.02 ? 1 : 0;
                            if (ratios[0] > 1.02 && regime == Regimes[0].Name)
                            {
                                above.Append(CultureInfo.InvariantCulture,
                                    $"- {model}, {regime}: {size:N0} ports, seed {seed}, {b} builders: GoSynth {runs[0].Makespan.TotalHours:F2} h, lower bound {bound.TotalHours:F2} h (critical path {runs[0].CriticalPath.TotalHours:F2} h, work ÷ builders {runs[0].TotalWork.TotalHours / b:F2} h), ratio {ratios[0]:F3}\n");
                            }
                        }
                    }
                }

                static string MeanAndError(List<double> x)
                {
                    var mean = x.Average();
                    var error = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1) / x.Count);
                    var shown = Math.Round(mean, 4) == 0 ? 0 : mean;
                    return string.Create(CultureInfo.InvariantCulture, $"{shown:+0.0000;−0.0000;0.0000} ± {error:F4}");
                }

                var betterPeer = cells.Select(r => Math.Min(Math.Min(r[1], r[2]), r[3])).ToList();
                text.Append(CultureInfo.InvariantCulture, $"| {model} | {regime} | ");
                text.Append(string.Join(" | ", Enumerable.Range(0, Policies.Length).Select(k => cells.Average(r => r[k]).ToString("F4", CultureInfo.InvariantCulture))));
                text.Append(CultureInfo.InvariantCulture, $" | {MeanAndError([.. cells.Select(r => r[0] - r[3])])} | {MeanAndError([.. cells.Select((r, i) => r[0] - betterPeer[i])])}");
                text.Append(CultureInfo.InvariantCulture, $" | {cells.Where((r, i) => r[0] <= betterPeer[i] + 1e-9).Count() / (double)cells.Count:P0}");
                text.Append(CultureInfo.InvariantCulture, $" | {cells.Count(r => r[3] <= Math.Min(r[1], r[2]) + 1e-9) / (double)cells.Count:P0}");
                text.Append(CultureInfo.InvariantCulture, $" | {cells.Count(r => r[0] > 1.02)} | {cells.Max(r => r[0]):F3} | {classic} |\n");
            }
        }

        if (above.Length > 0)
        {
            text.Append("\nCells with history where GoSynth is above 1.02 × the lower bound:\n\n").Append(above);
        }
    }

    private static string Hours(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t:mm\\:ss}");

    /// <summary>The mean of the recorded durations: the prior's scale for a port without history.</summary>
    private static double MeanDuration(BuilderWorkload workload) =>
        workload.Actual.Count == 0 ? 60 : workload.Actual.Values.Average(v => v.TotalSeconds);

    private static async Task<BuilderWorkload> ScanAsync(string tree)
    {
        var options = new PkgOptions
        {
            PortsDirectory = Path.GetFullPath(tree),
            Profile = TargetProfile.IsBsdHost ? null : TargetProfile.FreeBsd("14.2", "amd64"),
        };
        var scan = await new PortScanner(options, new ProcessRunner()).ScanToListAsync(ScanRequest.Everything);
        var graph = PortGraph.Build(scan.Results, scan.Roots);
        return new BuilderWorkload(graph, SyntheticPortGraph.Durations(scan.Results, 99));
    }
}
