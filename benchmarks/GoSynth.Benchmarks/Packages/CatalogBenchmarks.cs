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
/// a full rebuild (every file read and hashed, no cache, every frame compressed), an incremental one after 50 package
/// files picked at random were replaced by packages of other content (the side cache supplies the other 4,950 entries
/// and the frames of the unchanged pieces), the same incremental one at level 3 (what is left besides compression),
/// and both with one frame per archive (<see cref="RepositoryOptions.CompressionFrameSize"/> 0, the format before
/// frames). Baseline: the zstd CLI (<c>zstd -19 -T0</c>) compressing the same two catalog tars (packagesite and data)
/// from files to files, in one process one after the other, and in two processes at once.</summary>
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

    [IterationSetup(Targets = [nameof(IncrementalRebuild50Changed), nameof(IncrementalRebuild50ChangedLevel3), nameof(IncrementalRebuild50ChangedOneFrame)])]
    public void ChangePackages()
    {
        // 50 packages picked at random replaced by packages of other content (as a bulk rebuilding them would): they
        // are read and hashed again, their catalog lines change, and so do the pieces of the archives holding them.
        _round++;
        var random = new Random(_round);
        foreach (var index in Enumerable.Range(0, _files.Length).OrderBy(_ => random.Next()).Take(Changed))
        {
            BenchmarkPackages.RewriteAsync(Path.Combine(_repo, "All"), index, _round).GetAwaiter().GetResult();
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

    [Benchmark(Description = "full rebuild, no cache, level 19, one frame per archive")]
    public async Task<int> FullRebuildOneFrame()
    {
        var result = await RepositoryBuilder.RebuildAsync(_repo, new RepositoryOptions { CompressionLevel = 19, UseCache = false, CompressionFrameSize = 0 });
        return result.Entries.Count;
    }

    [Benchmark(Description = "incremental, 50 changed, level 19")]
    public async Task<int> IncrementalRebuild50Changed() => await IncrementalAsync(19, RepositoryOptions.DefaultCompressionFrameSize);

    [Benchmark(Description = "incremental, 50 changed, level 3")]
    public async Task<int> IncrementalRebuild50ChangedLevel3() => await IncrementalAsync(3, RepositoryOptions.DefaultCompressionFrameSize);

    [Benchmark(Description = "incremental, 50 changed, level 19, one frame per archive")]
    public async Task<int> IncrementalRebuild50ChangedOneFrame() => await IncrementalAsync(19, 0);

    private async Task<int> IncrementalAsync(int level, int frameSize)
    {
        var result = await RepositoryBuilder.RebuildAsync(_repo, new RepositoryOptions { CompressionLevel = level, CompressionFrameSize = frameSize });
        if (result.PackagesRead > Changed + 5)
        {
            throw new InvalidOperationException($"the incremental rebuild read {result.PackagesRead} files, expected {Changed}");
        }

        Console.WriteLine($"// incremental (level {level}, frame size {frameSize}): {result.PackagesRead} read, {result.FramesCompressed} frames compressed, {result.FramesReused} reused; load {File.ReadAllText("/proc/loadavg").Trim()}");
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
