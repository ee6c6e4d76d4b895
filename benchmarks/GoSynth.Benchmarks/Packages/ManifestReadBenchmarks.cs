using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GoSynth.Pkg.Packages;

namespace GoSynth.Benchmarks.Packages;

/// <summary>Reading +MANIFEST from 200 package files: GoSynth's streaming reader against the process-per-file
/// baseline <c>zstd -dc file | tar -xO +MANIFEST</c> (what a shell script without pkg would do).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ManifestReadBenchmarks
{
    private string[] _files = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gosynth-bench-manifests");
        var all = Path.Combine(dir, "All");
        if (!Directory.Exists(all) || Directory.GetFiles(all, "*.pkg").Length != 200)
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            await BenchmarkPackages.GenerateManyAsync(all, 200, seed: 3);
        }

        _files = Directory.GetFiles(all, "*.pkg").Order(StringComparer.Ordinal).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int ZstdPipeTar()
    {
        var total = 0;
        foreach (var file in _files)
        {
            var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("zstd -dc \"$1\" | tar -xOf - +MANIFEST");
            psi.ArgumentList.Add("sh");
            psi.ArgumentList.Add(file);
            using var process = Process.Start(psi)!;
            total += process.StandardOutput.ReadToEnd().Length;
            process.WaitForExit();
        }

        return total;
    }

    [Benchmark]
    public async Task<long> GoSynthReader()
    {
        long total = 0;
        foreach (var file in _files)
        {
            total += (await PackageReader.ReadManifestAsync(file)).FlatSize;
        }

        return total;
    }
}
