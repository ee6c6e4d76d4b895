using BenchmarkDotNet.Attributes;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Graph.Internal;
using GoSynth.Pkg.Ports;

namespace GoSynth.Benchmarks.Graph;

/// <summary>
/// Graph build (resolution, edge deduplication, cycle check, topological order, state propagation) and
/// critical-path priorities for a generated 30,000-port graph. Target: the whole pipeline under 1 s.
/// </summary>
[MemoryDiagnoser]
public class PortGraphBenchmarks
{
    private List<PortQueryResult> _results = null!;
    private PortId[] _requested = null!;
    private DurationTable _weights = null!;
    private PortGraph _graph = null!;

    /// <summary>Number of ports in the generated graph.</summary>
    [Params(30_000)]
    public int Ports { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _results = SyntheticPortGraph.Generate(Ports, seed: 2024);
        _requested = [.. _results.Select(r => r.Id)];
        _weights = new DurationTable(SyntheticPortGraph.Durations(_results, seed: 7), TimeSpan.FromMinutes(2));
        _graph = PortGraph.Build(_results, _requested);
    }

    /// <summary>Baseline: building the graph alone (includes the cycle check and the topological order).</summary>
    [Benchmark(Baseline = true)]
    public int Build() => PortGraph.Build(_results, _requested).Count;

    /// <summary>The first stage of a build alone: id resolution, sorting, edge deduplication (no cycle check, no order).</summary>
    [Benchmark]
    public int Assemble() => GraphAssembler.Assemble(_results, _requested, new PortId(PortGraph.BootstrapOrigin)).Results.Length;

    /// <summary>Priorities over an already built graph, weighted by real build durations.</summary>
    [Benchmark]
    public double Priorities() => _graph.ComputePriorities(_weights).CriticalPathLength;

    /// <summary>The whole pipeline the 1 s target is about: build + cycle check + priorities.</summary>
    [Benchmark]
    public double BuildAndPriorities() => PortGraph.Build(_results, _requested).ComputePriorities(_weights).CriticalPathLength;

    /// <summary>Expected durations in seconds as node weights, a default for a node with none (as a scheduler would give them).</summary>
    private sealed class DurationTable(IReadOnlyDictionary<PortId, TimeSpan> durations, TimeSpan fallback) : IPortWeights
    {
        public double GetWeight(PortNode node) =>
            durations.TryGetValue(node.Id, out var d) || (node.Id.Flavor is not null && durations.TryGetValue(node.Id.WithFlavor(null), out d))
                ? d.TotalSeconds
                : fallback.TotalSeconds;
    }
}
