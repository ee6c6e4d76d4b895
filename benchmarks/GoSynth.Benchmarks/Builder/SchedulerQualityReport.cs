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
/// divided by the lower bound max(critical path, total work ÷ builders). Three estimate regimes: a full history
/// off by a lognormal σ = 0.5, half the ports with history (the rest from the prior), and the prior only.
/// Run: <c>dotnet run -c Release --project benchmarks/GoSynth.Benchmarks -- scheduler-quality [--tree DIR]</c>.
/// </summary>
internal static class SchedulerQualityReport
{
    private static readonly int[] BuilderCounts = [4, 8, 16, 32, 64];

    private static readonly SchedulingPolicy[] Policies =
    [
        SchedulingPolicy.CriticalPath, SchedulingPolicy.DsynthAsCoded, SchedulingPolicy.DsynthTwoKeys,
        SchedulingPolicy.PoudriereLongestChain, SchedulingPolicy.Fifo,
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var workloads = new List<(string Name, BuilderWorkload Workload)>
        {
            ("generated 1,000 (seed 11)", BuilderWorkload.Generated(1_000, 11)),
            ("generated 2,300 (seed 12)", BuilderWorkload.Generated(2_300, 12)),
            ("generated 5,000 (seed 13)", BuilderWorkload.Generated(5_000, 13)),
        };
        var tree = args.SkipWhile(a => a != "--tree").Skip(1).FirstOrDefault();
        if (tree is not null)
        {
            workloads.Add(($"scan of {Path.GetFileName(Path.TrimEndingDirectorySeparator(tree))}", await ScanAsync(tree)));
        }

        var text = new StringBuilder();
        var regimes = new (string Name, Func<BuilderWorkload, DurationEstimator> Estimator)[]
        {
            ("history, lognormal σ = 0.5", w => DurationEstimator.Create(w.Graph, w.NoisyHistory(0.5, 1.0, 5))),
            ("half the ports with history", w => DurationEstimator.Create(w.Graph, w.NoisyHistory(0.5, 0.5, 5))),
            ("no history (prior only)", w => DurationEstimator.Create(w.Graph, null, TimeSpan.FromSeconds(MeanDuration(w)))),
        };
        foreach (var (name, workload) in workloads)
        {
            foreach (var (regime, estimator) in regimes)
            {
                var (problem, actual) = workload.Problem(estimator(workload));
                text.Append(CultureInfo.InvariantCulture, $"\n#### {name}: {problem.Count} ports to build; {regime}\n\n");
                text.Append("| builders | lower bound | GoSynth | dsynth as coded | dsynth two keys | poudriere | FIFO |\n|---:|---:|---:|---:|---:|---:|---:|\n");
                foreach (var builders in BuilderCounts)
                {
                    var results = Policies.Select(p => ScheduleSimulator.Run(problem, actual, builders, p)).ToArray();
                    text.Append(CultureInfo.InvariantCulture, $"| {builders} | {(int)results[0].LowerBound.TotalHours}:{results[0].LowerBound:mm\\:ss} | ");
                    text.Append(string.Join(" | ", results.Select(r => r.Ratio.ToString("F3", CultureInfo.InvariantCulture)))).Append(" |\n");
                }
            }
        }

        await System.Console.Out.WriteAsync(text.ToString());
        return 0;
    }

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
