using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Benchmarks.Packages;

/// <summary>Installing xz and zstd packages of 1, 10 and 100 MB (installed size) into a tmpfs root: GoSynth's verified,
/// all-or-nothing install with the host's native decoder (liblzma / libzstd, the default when present) and with the
/// managed one, side by side with <c>tar -xf</c> of the same archive (native decoder in a second process, no
/// checksums, no rollback). Runs in process: on a loaded shared machine a separate benchmark build times out.</summary>
[Config(typeof(InProcessConfig))]
public class InstallFormatBenchmarks
{
    private string _base = "";
    private string _package = "";
    private string _root = "";

    [Params(PackageCompression.Xz, PackageCompression.Zstd)]
    public PackageCompression Format { get; set; }

    [Params(1, 10, 100)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var shm = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _base = Path.Combine(shm, $"gosynth-bench-format-{Format}-{Megabytes}");
        if (Directory.Exists(_base))
        {
            Directory.Delete(_base, recursive: true);
        }

        Directory.CreateDirectory(_base);
        _package = await BenchmarkPackages.GenerateLargeAsync(_base, Megabytes, Format);
        Console.WriteLine($"// {Format} {Megabytes} MB: package {new FileInfo(_package).Length} bytes; native liblzma {NativeCodecs.Lzma is not null}, libzstd {NativeCodecs.Zstd is not null}");
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
    public int TarExtract()
    {
        var psi = new ProcessStartInfo("tar");
        foreach (var a in new[] { Format == PackageCompression.Xz ? "--xz" : "--zstd", "-xf", _package, "-C", _root, "--exclude=+*" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Benchmark]
    public async Task<int> GoSynthNative() =>
        (await PackageInstaller.InstallAsync(_package, _root, null, DecoderChoice.Auto, CancellationToken.None)).Files.Count;

    [Benchmark]
    public async Task<int> GoSynthManaged() =>
        (await PackageInstaller.InstallAsync(_package, _root, null, DecoderChoice.Managed, CancellationToken.None)).Files.Count;

    /// <summary>One in-process job: monitoring strategy, 1 warmup, 5 iterations.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
