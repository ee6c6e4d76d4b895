using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GoSynth.Pkg.Packages;

namespace GoSynth.Benchmarks.Packages;

/// <summary>Installing a 50 MB (installed size) zstd package into a tmpfs root (/dev/shm): GoSynth's verified,
/// all-or-nothing install against <c>tar --zstd -xf</c> of the same archive (no checksums, no rollback).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class InstallBenchmarks
{
    private string _base = "";
    private string _package = "";
    private string _root = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var shm = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _base = Path.Combine(shm, "gosynth-bench-install");
        if (Directory.Exists(_base))
        {
            Directory.Delete(_base, recursive: true);
        }

        Directory.CreateDirectory(_base);
        _package = await BenchmarkPackages.GenerateLargeAsync(_base, 50);
        Console.WriteLine($"// install benchmark: package {new FileInfo(_package).Length} bytes in {shm}");
    }

    [IterationSetup]
    public void NewRoot()
    {
        _root = Path.Combine(_base, "root-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
    }

    [IterationCleanup]
    public void DropRoot() => Directory.Delete(_root, recursive: true);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_base, recursive: true);

    [Benchmark(Baseline = true)]
    public int TarZstdExtract()
    {
        var psi = new ProcessStartInfo("tar");
        foreach (var a in new[] { "--zstd", "-xf", _package, "-C", _root, "--exclude=+*" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Benchmark]
    public async Task<int> GoSynthInstall()
    {
        var record = await PackageInstaller.InstallAsync(_package, _root);
        return record.Files.Count;
    }
}
