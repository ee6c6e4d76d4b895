using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Benchmarks.Scanning;

/// <summary>
/// The metadata scan through real bmake. Baseline: a plain parallel loop running exactly the make calls a GoSynth
/// scan runs (recorded once), at the same parallelism, capturing their output: what any scanner must pay.
/// <c>GoSynthCold</c> is a full scan without cache (closure, flavors, parsing, framework variables);
/// <c>GoSynthWarm</c> re-scans the unchanged tree from the metadata cache (fingerprints, no make).
/// <see cref="TargetView"/> runs the GoSynth scans in the FreeBSD target's view of the file system (a private mount
/// namespace, needs root; without it the scan falls back to the host and the two rows measure the same thing).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ScanBenchmarks
{
    private readonly ProcessRunner _runner = new();
    private TempDirectory? _work;
    private string _portsDirectory = "";
    private ProcessSpec[] _specs = [];
    private int _parallelism;

    /// <summary>The tree: the bundled sample tree, or a generated tree of 2,000 ports.</summary>
    [Params("sample", "generated-2000")]
    public string Tree { get; set; } = "sample";

    /// <summary>Whether the GoSynth scans run in the target's view (PkgOptions.UseTargetView).</summary>
    [Params(false, true)]
    public bool TargetView { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = new TempDirectory("gosynth-scanbench-");
        _portsDirectory = Tree == "sample"
            ? RepositoryPaths.SamplePorts
            : PortsTreeGenerator.Generate(_work.Combine("ports"), new PortsTreeGeneratorOptions { PortCount = 2000 }).Directory;
        _parallelism = System.Environment.ProcessorCount;

        var recorder = new RecordingProcessRunner(_runner);
        var scan = new PortScanner(Options(cache: false, view: false), recorder).ScanToListAsync(ScanRequest.Everything).GetAwaiter().GetResult();
        _specs = [.. recorder.Specs];
        Console.WriteLine($"// {Tree}: {scan.Results.Length} nodes, {_specs.Length} make calls, parallelism {_parallelism}");

        // Fill the cache once for the warm runs.
        new PortScanner(Options(cache: true), _runner).ScanToListAsync(ScanRequest.Everything).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _work?.Dispose();

    [Benchmark(Baseline = true, Description = "plain loop of the same bmake calls")]
    public async Task<int> PlainLoop()
    {
        var lines = 0;
        await Parallel.ForEachAsync(_specs, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, async (spec, ct) =>
        {
            var sink = new CapturingOutputSink();
            await _runner.RunAsync(spec, sink, ct);
            Interlocked.Add(ref lines, sink.StandardOutputLines.Count);
        });
        return lines;
    }

    [Benchmark(Description = "GoSynth scan, cold")]
    public async Task<int> GoSynthCold() =>
        (await new PortScanner(Options(cache: false), _runner).ScanToListAsync(ScanRequest.Everything)).Results.Length;

    [Benchmark(Description = "GoSynth re-scan, warm cache")]
    public async Task<int> GoSynthWarm() =>
        (await new PortScanner(Options(cache: true), _runner).ScanToListAsync(ScanRequest.Everything)).Results.Length;

    private PkgOptions Options(bool cache, bool? view = null) => new()
    {
        UseTargetView = view ?? TargetView,
        PortsDirectory = _portsDirectory,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        ScanParallelism = _parallelism,
        WorkDirectory = _work!.Combine("work"),
        CacheDirectory = cache ? _work.Combine("cache") : null,
    };
}
