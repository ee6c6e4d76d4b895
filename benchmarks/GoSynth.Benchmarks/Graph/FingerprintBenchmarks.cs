using System.Buffers;
using BenchmarkDotNet.Attributes;
using GoSynth.Pkg.Fingerprints;

namespace GoSynth.Benchmarks.Graph;

/// <summary>
/// Fingerprint throughput over a generated tree of ~2,000 port-like directories (Makefile, distinfo, pkg-descr,
/// pkg-plist, files/patch-*), beside the raw speed of reading the same files with a pooled buffer and no hashing.
/// The tree stays in the page cache, so this measures CPU cost, not the disk.
/// </summary>
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    private string _root = null!;
    private string[] _ports = null!;

    /// <summary>Number of generated port directories.</summary>
    [Params(2_000)]
    public int Ports { get; set; }

    /// <summary>Total bytes of file contents in the tree (printed in setup to turn times into MB/s).</summary>
    public long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("gosynth-bench-fp-").FullName;
        var random = new Random(11);
        var ports = new List<string>();
        for (var i = 0; i < Ports; i++)
        {
            var dir = Path.Combine(_root, $"cat{i % 40}", $"port{i:D4}");
            ports.Add(dir);
            Directory.CreateDirectory(Path.Combine(dir, "files"));
            Write(Path.Combine(dir, "Makefile"), random.Next(600, 4_000), random);
            Write(Path.Combine(dir, "distinfo"), random.Next(150, 400), random);
            Write(Path.Combine(dir, "pkg-descr"), random.Next(200, 1_500), random);
            if (random.Next(3) > 0)
            {
                Write(Path.Combine(dir, "pkg-plist"), random.Next(100, 40_000), random);
            }

            for (var p = random.Next(0, 6); p > 0; p--)
            {
                Write(Path.Combine(dir, "files", $"patch-src_file{p}.c"), random.Next(300, 12_000), random);
            }
        }

        _ports = [.. ports];
        TotalBytes = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Count();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "gosynth-bench-fp-size.txt"), $"{files} files, {TotalBytes} bytes\n");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Baseline: walk every port directory and read every file through a pooled buffer, no hashing.</summary>
    [Benchmark(Baseline = true)]
    public long RawRead()
    {
        long total = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var port in _ports)
            {
                foreach (var file in Directory.EnumerateFiles(port, "*", SearchOption.AllDirectories))
                {
                    using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                    long offset = 0;
                    int read;
                    while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
                    {
                        offset += read;
                    }

                    total += offset;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }

    /// <summary>The fingerprint of every port, one after another.</summary>
    [Benchmark]
    public uint Fingerprint()
    {
        uint combined = 0;
        foreach (var port in _ports)
        {
            combined ^= PortFingerprint.Compute(port);
        }

        return combined;
    }

    /// <summary>The fingerprint of every port with asynchronous reads, one after another.</summary>
    [Benchmark]
    public async Task<uint> FingerprintAsync()
    {
        uint combined = 0;
        foreach (var port in _ports)
        {
            combined ^= await PortFingerprint.ComputeAsync(port);
        }

        return combined;
    }

    /// <summary>The fingerprint of every port, ports spread over all cores (as a scanner would).</summary>
    [Benchmark]
    public uint FingerprintParallel()
    {
        uint combined = 0;
        Parallel.ForEach(_ports, port =>
        {
            var value = PortFingerprint.Compute(port);
            Interlocked.Add(ref combined, value);
        });
        return combined;
    }

    private static void Write(string path, int size, Random random)
    {
        var bytes = new byte[size];
        for (var i = 0; i < bytes.Length; i++)
        {
            // Text-like content: printable ASCII with newlines.
            bytes[i] = i % 72 == 71 ? (byte)'\n' : (byte)random.Next(32, 127);
        }

        File.WriteAllBytes(path, bytes);
    }
}
