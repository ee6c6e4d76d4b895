using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GoSynth.Pkg.Repositories;

namespace GoSynth.Benchmarks.Packages;

/// <summary>Catalog generation (rebuild-repository) for 5,000 generated packages: read every manifest, hash every
/// file, write packagesite.pkg and data.pkg. Baseline: pkg's default zstd level 19 for the catalog archives.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CatalogBenchmarks
{
    private string _repo = "";

    /// <summary>Total bytes of the package files (for MB/s).</summary>
    public static long PackageBytes { get; private set; }

    [Params(19, 3)]
    public int CompressionLevel { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _repo = Path.Combine(Path.GetTempPath(), "gosynth-bench-catalog");
        var all = Path.Combine(_repo, "All");
        if (!Directory.Exists(all) || Directory.GetFiles(all, "*.pkg").Length != 5000)
        {
            if (Directory.Exists(_repo))
            {
                Directory.Delete(_repo, recursive: true);
            }

            await BenchmarkPackages.GenerateManyAsync(all, 5000);
        }

        PackageBytes = Directory.GetFiles(all, "*.pkg").Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"// catalog benchmark: 5000 packages, {PackageBytes} bytes");
    }

    [Benchmark]
    public async Task<int> RebuildRepository()
    {
        var result = await RepositoryBuilder.RebuildAsync(_repo, new RepositoryOptions { CompressionLevel = CompressionLevel });
        return result.Entries.Count;
    }
}
