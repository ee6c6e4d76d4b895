using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using GoSynth.Pkg.Packages;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// Issue 11: installing a port's dependency closure, as a slot does before a build, with GoSynth's installer
/// (verified, all or nothing, one package after another) against <c>tar --zstd -xf</c> of the same packages into a
/// tmpfs root (/dev/shm). The packages are real: the generated 200-port tree of <see cref="BuildTreeBenchmarks"/> is
/// built once in setup (1 builder), and the closure is that of the node with the most dependencies (its direct
/// dependencies of every kind plus their LIB and RUN dependencies, recursively), dependencies first.
/// <see cref="Packages.InstallBenchmarks"/> compares the same for one large package. Needs root.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BuildJobConfig))]
public class BuildClosureInstallBenchmarks
{
    private string _base = "";
    private string _shm = "";
    private string _root = "";
    private List<string> _closure = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _base = Directory.CreateTempSubdirectory("gosynth-bench-closure-").FullName;
        var tree = BuildTreeFixture.Generate(Path.Combine(_base, "ports"));
        // One builder: two flavors of a port fetching the same distfile in two slots can collide (see results/build.md).
        var run = await BuildTreeFixture.BuildAsync(tree, Path.Combine(_base, "run"), builders: 1, reuse: true);
        if (run.FirstFailure is not null)
        {
            throw new InvalidOperationException("the generated tree did not build: " + run.FirstFailure);
        }

        var all = tree.Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var runtime = tree.Edges.Where(e => e.Kind is "Lib" or "Run").GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var order = BuildTreeFixture.DependencyOrder(tree);
        var (node, closure) = tree.Nodes
            .Select(n => (Node: n, Closure: Closure(n, all, runtime)))
            .MaxBy(c => c.Closure.Count);
        _closure = [.. order.Where(closure.Contains).Where(run.Packages.ContainsKey).Select(n => run.Packages[n])];
        _shm = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "gosynth-bench-closure");
        Directory.CreateDirectory(_shm);
        Console.WriteLine($"// closure install: {node} needs {_closure.Count} packages, {_closure.Sum(p => new FileInfo(p).Length)} bytes");
    }

    [IterationSetup]
    public void NewRoot() => _root = Directory.CreateDirectory(Path.Combine(_shm, "root-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [IterationCleanup]
    public void DropRoot() => Directory.Delete(_root, recursive: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_shm, recursive: true);
        Directory.Delete(_base, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "tar --zstd -xf, one per package")]
    public int TarZstdExtract()
    {
        foreach (var package in _closure)
        {
            var psi = new ProcessStartInfo("tar");
            foreach (var a in new[] { "--zstd", "-xf", package, "-C", _root, "--exclude=+*" })
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi)!;
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tar failed on {package}");
            }
        }

        return _closure.Count;
    }

    [Benchmark(Description = "GoSynth PackageInstaller, one after another")]
    public async Task<int> GoSynthInstall()
    {
        var files = 0;
        foreach (var package in _closure)
        {
            files += (await PackageInstaller.InstallAsync(package, _root)).Files.Count;
        }

        return files;
    }

    private static HashSet<string> Closure(string node, Dictionary<string, List<string>> all, Dictionary<string, List<string>> runtime)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(all.GetValueOrDefault(node) ?? []);
        while (pending.TryPop(out var next))
        {
            if (result.Add(next))
            {
                foreach (var dependency in runtime.GetValueOrDefault(next) ?? [])
                {
                    pending.Push(dependency);
                }
            }
        }

        return result;
    }
}
