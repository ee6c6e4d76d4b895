using BenchmarkDotNet.Attributes;
using GoSynth.Testing;

namespace GoSynth.Benchmarks.Samples;

/// <summary>
/// How long the synthetic ports-tree generator takes: the graph alone for 30,000 ports, and a 5,000-port
/// tree written to disk against a plain loop writing the same number of files of the same sizes (the
/// floor set by the file system).
/// </summary>
[MemoryDiagnoser]
public class PortsTreeGeneratorBenchmarks
{
    private string _root = string.Empty;
    private string _target = string.Empty;
    private (string Path, string Text)[] _files = [];
    private int _run;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _root = Directory.CreateTempSubdirectory("gosynth-bench-gen-").FullName;

        // The files a 5,000-port tree consists of, for the raw-write baseline.
        var template = Path.Combine(_root, "template");
        PortsTreeGenerator.Generate(template, new PortsTreeGeneratorOptions { PortCount = 5000 });
        _files = [.. Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(template, f), File.ReadAllText(f)))];
        Directory.Delete(template, recursive: true);
    }

    [IterationSetup]
    public void IterationSetup() => _target = Path.Combine(_root, "run" + _run++);

    [IterationCleanup]
    public void IterationCleanup()
    {
        if (Directory.Exists(_target))
        {
            Directory.Delete(_target, recursive: true);
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "graph only, 30,000 ports")]
    public int GraphOnly30000() =>
        PortsTreeGenerator.Generate(_target, new PortsTreeGeneratorOptions { PortCount = 30_000, WriteFiles = false }).ExpectedEdgeCount;

    [Benchmark(Baseline = true, Description = "raw write of the same files, 5,000 ports")]
    public int RawWrite5000()
    {
        foreach (var (path, text) in _files)
        {
            var full = Path.Combine(_target, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return _files.Length;
    }

    [Benchmark(Description = "generate and write, 5,000 ports")]
    public int Generate5000() =>
        PortsTreeGenerator.Generate(_target, new PortsTreeGeneratorOptions { PortCount = 5000 }).ExpectedEdgeCount;
}
