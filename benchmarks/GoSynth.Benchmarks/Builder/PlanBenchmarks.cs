using BenchmarkDotNet.Attributes;
using GoSynth.Benchmarks.Graph;
using GoSynth.BuildDb;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// Planning a generated 30,000-port graph against a build database of 1,000,000 attempts (about 34 runs of every
/// port) and a repository directory holding every package file; fingerprints are given (the tree is generated,
/// not on disk). Target ≤ 1 s. The database and repository are built once under the temp directory.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private const int Ports = 30_000;
    private const int Attempts = 1_000_000;
    private static readonly string Directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "gosynth-bench-plan")).FullName;
    private PortGraph _graph = null!;
    private BuildDatabase _database = null!;
    private Dictionary<string, uint> _fingerprints = null!;

    private static string Repository => Path.Combine(Directory, "All");

    private static string DatabasePath => Path.Combine(Directory, "plan-1m.gsdb");

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var results = SyntheticPortGraph.Generate(Ports, 2024);
        _graph = PortGraph.Build(results, results.Select(r => r.Id));
        _fingerprints = _graph.Nodes.ToDictionary(n => n.Id.Origin, n => (uint)n.Id.Origin.GetHashCode(StringComparison.Ordinal));
        await EnsureDatabaseAsync();
        System.IO.Directory.CreateDirectory(Repository);
        foreach (var node in _graph.Nodes.Where(n => n.Metadata is not null))
        {
            var path = Path.Combine(Repository, node.Metadata!.PackageFile);
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, []);
            }
        }

        _database = await BuildDatabase.OpenReadOnlyAsync(DatabasePath);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    /// <summary>Read the history, list the repository and decide every node.</summary>
    [Benchmark]
    public int Plan()
    {
        var plan = BuildPlanner.Create(_graph, new BuildDbHistory(_database), new PlanOptions
        {
            PortsDirectory = "/nonexistent/ports",
            RepositoryDirectory = Repository,
            Fingerprints = _fingerprints,
            FrameworkFingerprint = 1,
        });
        return plan.CountOf(PlanAction.UpToDate);
    }

    private async Task EnsureDatabaseAsync()
    {
        if (File.Exists(DatabasePath))
        {
            return;
        }

        var temp = DatabasePath + ".building";
        File.Delete(temp);
        var nodes = _graph.Nodes.Where(n => n.Metadata is not null).ToArray();
        var runs = (Attempts + nodes.Length - 1) / nodes.Length;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = await BuildDatabase.OpenAsync(temp, new BuildDbOptions { Durability = Durability.None }))
        {
            for (var r = 0; r < runs; r++)
            {
                var run = await db.StartRunAsync("default");
                foreach (var chunk in nodes.Chunk(5000))
                {
                    await db.RecordAttemptsAsync(run.Id, [.. chunk.Select(n => new AttemptRecord(n.Id.ToString(), n.Metadata!.Version, AttemptStatus.Success)
                    {
                        PackageFile = n.Metadata.PackageFile,
                        Fingerprint = _fingerprints[n.Id.Origin],
                        Start = start.AddMinutes(r * 100),
                        End = start.AddMinutes((r * 100) + 1 + (n.Index % 30)),
                    })]);
                }

                await db.FinishRunAsync(run.Id);
            }
        }

        File.Delete(temp + ".lock");
        File.Move(temp, DatabasePath);
    }
}
