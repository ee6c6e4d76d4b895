using BenchmarkDotNet.Attributes;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// Issue 11: a generated 200-port tree (each port's own work a sed and a cp; real distfiles, real packages) built end
/// to end by the real BuildRunner in Linux slots, with 1 and 2 builders, with and without dependency reuse. Each
/// iteration starts from an empty build root (no packages, no history, cold metadata), so every port builds. The
/// counts of each run (ports, dependency packages reused and installed, time in slots and in make phases) are
/// printed as <c>// build-tree:</c> lines. A run in which a port failed (every port of this tree builds, so that is a
/// slot command the machine could not start) is printed as INVALID with the failure, and its iteration must be left
/// out of the results. Needs root; runs in process (<see cref="BuildJobConfig"/>).
/// </summary>
[Config(typeof(BuildJobConfig))]
public class BuildTreeBenchmarks
{
    private string _base = "";
    private string _root = "";
    private GoSynth.Testing.GeneratedPortsTree _tree = null!;

    /// <summary>Number of builders (slots).</summary>
    [Params(1, 2)]
    public int Builders { get; set; }

    /// <summary>LocalSlotExecutorOptions.ReuseDependencies.</summary>
    [Params(true, false)]
    public bool Reuse { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _base = Directory.CreateTempSubdirectory("gosynth-bench-build-").FullName;
        _tree = BuildTreeFixture.Generate(Path.Combine(_base, "ports"));
        Console.WriteLine($"// build-tree: {_tree.Nodes.Count} nodes, {_tree.MetaOrigins.Count} meta, {_tree.Edges.Count} edges");
    }

    [IterationSetup]
    public void NewRoot() => _root = Directory.CreateDirectory(Path.Combine(_base, "run-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [IterationCleanup]
    public void DropRoot() => Directory.Delete(_root, recursive: true);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_base, recursive: true);

    [Benchmark(Description = "build the generated tree")]
    public async Task<int> BuildTree()
    {
        var run = await BuildTreeFixture.BuildAsync(_tree, _root, Builders, Reuse);
        Console.WriteLine(run);
        if (run.FirstFailure is not null)
        {
            Console.WriteLine("// build-tree: first failure " + run.FirstFailure.ReplaceLineEndings("\n//   "));
        }

        return run.Built;
    }
}
