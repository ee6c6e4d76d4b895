using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;

namespace GoSynth.Benchmarks.Packages;

/// <summary>Catalog generation (rebuild-repository) for 5,000 generated packages at pkg's default zstd level 19:
/// a full rebuild (every file read and hashed, no cache), an incremental one after 50 package files changed (the side
/// cache supplies the other 4,950), and the same incremental one at level 3 (what is left besides compression).
/// Baseline: the zstd CLI (<c>zstd -19 -T0</c>) compressing the same two catalog tars (packagesite and data) from
/// files to files, in one process one after the other, and in two processes at once.</summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class CatalogBenchmarks
{
    private const int Changed = 50;
    private string _repo = "";
    private string _tars = "";
    private string[] _files = [];
    private int _round;

    /// <summary>Total bytes of the package files (for MB/s).</summary>
    public static long PackageBytes { get; private set; }

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

        _files = [.. Directory.GetFiles(all, "*.pkg").Order(StringComparer.Ordinal)];
        PackageBytes = _files.Sum(f => new FileInfo(f).Length);

        // The catalog's own tars, for the CLI baseline: exactly the bytes the rebuild compresses.
        await RepositoryBuilder.RebuildAsync(_repo, new RepositoryOptions { CompressionLevel = 19 });
        _tars = Path.Combine(Path.GetTempPath(), "gosynth-bench-catalog-tars");
        Directory.CreateDirectory(_tars);
        foreach (var name in new[] { "packagesite", "data" })
        {
            Run("sh", "-c", $"zstd -dc '{Path.Combine(_repo, name + ".pkg")}' > '{Path.Combine(_tars, name + ".tar")}'");
        }

        Console.WriteLine($"// catalog benchmark: 5000 packages, {PackageBytes} bytes; catalog tars {new FileInfo(Path.Combine(_tars, "data.tar")).Length} bytes each; native zstd: {CatalogCompressor.IsNative}; load {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    [IterationSetup(Targets = [nameof(IncrementalRebuild50Changed), nameof(IncrementalRebuild50ChangedLevel3)])]
    public void ChangePackages()
    {
        // A new mtime for 50 files spread over the repository: their stat data changes, so they are read and hashed
        // again; the rest must come from the cache. Done before the cache's clock reading, as a bulk would.
        _round++;
        var stamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(_round);
        for (var i = 0; i < Changed; i++)
        {
            File.SetLastWriteTimeUtc(_files[i * (_files.Length / Changed)], stamp);
        }

        Thread.Sleep(20);
    }

    [Benchmark(Baseline = true, Description = "zstd -19 -T0, both tars, one process")]
    public void ZstdCli() =>
        Run("zstd", "-19", "-T0", "-q", "-f", "-k", Path.Combine(_tars, "packagesite.tar"), Path.Combine(_tars, "data.tar"));

    [Benchmark(Description = "zstd -19 -T0, both tars, two processes at once")]
    public void ZstdCliTwoProcesses()
    {
        using var a = Start("zstd", "-19", "-T0", "-q", "-f", "-k", Path.Combine(_tars, "packagesite.tar"));
        using var b = Start("zstd", "-19", "-T0", "-q", "-f", "-k", Path.Combine(_tars, "data.tar"));
        a.WaitForExit();
        b.WaitForExit();
    }

    [Benchmark(Description = "full rebuild, no cache, level 19")]
    public async Task<int> FullRebuild()
    {
        var result = await RepositoryBuilder.RebuildAsync(_repo, new RepositoryOptions { CompressionLevel = 19, UseCache = false });
        return result.Entries.Count;
    }

    [Benchmark(Description = "incremental, 50 changed, level 19")]
    public async Task<int> IncrementalRebuild50Changed() => await IncrementalAsync(19);

    [Benchmark(Description = "incremental, 50 changed, level 3")]
    public async Task<int> IncrementalRebuild50ChangedLevel3() => await IncrementalAsync(3);

    private async Task<int> IncrementalAsync(int level)
    {
        var result = await RepositoryBuilder.RebuildAsync(_repo, new RepositoryOptions { CompressionLevel = level });
        if (result.PackagesRead > Changed + 5)
        {
            throw new InvalidOperationException($"the incremental rebuild read {result.PackagesRead} files, expected {Changed}");
        }

        return result.PackagesRead;
    }

    private static Process Start(string program, params string[] arguments) =>
        Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;

    private static void Run(string program, params string[] arguments)
    {
        using var process = Start(program, arguments);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}");
        }
    }

    /// <summary>In process (no separate build of the benchmark project), monitoring: each rebuild is seconds long.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
