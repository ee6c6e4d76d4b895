using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Benchmarks.Scanning;

/// <summary>
/// The everyday re-scan ("nothing or little changed since yesterday") of a generated tree with a real tree's file shape
/// (<see cref="WarmScanTree"/>: 2,300 ports, about 14,000 files), everything through the metadata cache and real bmake:
/// <c>WarmUnchanged</c> re-scans the unchanged tree (stat data only, no file read, no make); <c>WarmTouched30</c>
/// changes the Makefile of 30 ports spread over the tree before each scan (an iteration setup), so the scan re-reads
/// those 30 directories and re-queries exactly their nodes with make; <c>MakeOfTouched30</c> runs just those make calls
/// (recorded once) at the same parallelism: the part of <c>WarmTouched30</c> that is make's own work.
/// The physical floor beside them is <c>StatOnly</c>: list every port directory and stat each file, nothing else.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class WarmScanBenchmarks
{
    private readonly ProcessRunner _runner = new();
    private WarmScanTree _tree = null!;
    private IReadOnlyList<string> _touched = [];
    private IReadOnlyList<string> _origins = [];
    private ProcessSpec[] _touchedSpecs = [];
    private int _round;

    /// <summary>Ports in the generated tree.</summary>
    [Params(2_300)]
    public int Ports { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tree = WarmScanTree.Open(Ports);
        _touched = _tree.Spread(30);
        _origins = PortsTree.EnumerateOrigins(_tree.PortsDirectory);

        // Record the make calls a scan after touching the 30 ports runs, then settle the tree again.
        WarmScanTree.Touch(_tree.PortsDirectory, _touched, ++_round);
        var recorder = new RecordingProcessRunner(_runner);
        var scan = _tree.ScanAsync(recorder).GetAwaiter().GetResult();
        _touchedSpecs = [.. recorder.Specs];
        var (files, bytes) = _tree.Size();
        Console.WriteLine($"// {Ports} ports, {files} files, {bytes / 1e6:F1} MB; touching 30 ports re-queries {scan.Queried} node(s) with {_touchedSpecs.Length} make call(s)");
        _tree.Settle();
    }

    [IterationSetup(Target = nameof(WarmTouched30))]
    public void TouchThirty() => WarmScanTree.Touch(_tree.PortsDirectory, _touched, ++_round);

    [Benchmark(Baseline = true, Description = "stat only: list every port directory, stat every file")]
    public long StatOnly()
    {
        long total = 0;
        foreach (var origin in _origins)
        {
            foreach (var entry in GoSynth.Pkg.Fingerprints.Internal.FingerprintFileWalker.List(_tree.PortsDirectory + "/" + origin, default))
            {
                total += entry.Length;
            }
        }

        return total;
    }

    [Benchmark(Description = "warm re-scan, tree unchanged")]
    public async Task<int> WarmUnchanged() => (await _tree.ScanAsync(_runner)).Cached;

    [Benchmark(Description = "warm re-scan after touching 30 ports")]
    public async Task<int> WarmTouched30() => (await _tree.ScanAsync(_runner)).Queried;

    [Benchmark(Description = "make calls of the 30 touched ports alone")]
    public async Task<int> MakeOfTouched30()
    {
        var lines = 0;
        await Parallel.ForEachAsync(_touchedSpecs, new ParallelOptions { MaxDegreeOfParallelism = System.Environment.ProcessorCount }, async (spec, ct) =>
        {
            var sink = new CapturingOutputSink();
            await _runner.RunAsync(spec, sink, ct);
            Interlocked.Add(ref lines, sink.StandardOutputLines.Count);
        });
        return lines;
    }
}
