using BenchmarkDotNet.Attributes;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Execution;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// The make work of <see cref="BuildTreeBenchmarks"/>' tree without GoSynth: every node's eight make phases
/// (<c>bmake -DNO_DEPENDS fetch … package</c>) run one after another directly on the host, in dependency order, with
/// the environment the executor passes (host paths instead of the slot's). The framework never needs the
/// dependencies installed for these ports, so nothing is installed. The difference to the 1-builder build is the
/// orchestration: scan, plan, slots, installs, logs, history and catalog. Needs bmake, zstd and tar.
/// </summary>
[Config(typeof(BuildJobConfig))]
public class BuildTreeMakeWorkBenchmarks
{
    private readonly ProcessRunner _runner = new();
    private string _base = "";
    private string _root = "";
    private GoSynth.Testing.GeneratedPortsTree _tree = null!;
    private List<string> _order = [];
    private string _makeSysPath = "";

    [GlobalSetup]
    public void Setup()
    {
        _base = Directory.CreateTempSubdirectory("gosynth-bench-makework-").FullName;
        _tree = BuildTreeFixture.Generate(Path.Combine(_base, "ports"));
        _order = BuildTreeFixture.DependencyOrder(_tree);
        _makeSysPath = TargetProfile.FreeBsd("14.2").EnsureMakeSysPath(Path.Combine(_base, "work"))!;
    }

    [IterationSetup]
    public void NewRoot() => _root = Directory.CreateDirectory(Path.Combine(_base, "run-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [IterationCleanup]
    public void DropRoot() => Directory.Delete(_root, recursive: true);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_base, recursive: true);

    [Benchmark(Description = "every port's 8 bmake phases on the host, one after another")]
    public async Task<int> MakeWork()
    {
        var environment = LocalSlotExecutor.BuildEnvironment(new BuilderOptions { MaxJobsPerBuilder = 1 }, TargetProfile.FreeBsd("14.2"), stubs: true)
            .SetItem("PORTSDIR", _tree.Directory)
            .SetItem("WRKDIRPREFIX", Path.Combine(_root, "construction"))
            .SetItem("DISTDIR", Path.Combine(_root, "distfiles"))
            .SetItem("PACKAGES", Path.Combine(_root, "packages"))
            .SetItem("LOCALBASE", Path.Combine(_root, "localbase"))
            .SetItem("PORT_DBDIR", Path.Combine(_root, "options"))
            .SetItem("MAKESYSPATH", _makeSysPath)
            .SetItem("__MAKE_CONF", "/dev/null");
        var phases = PortPhases.MakePhases(checkPlist: false);
        var built = 0;
        foreach (var node in _order)
        {
            var at = node.IndexOf('@', StringComparison.Ordinal);
            var arguments = new List<string> { "-C", Path.Combine(_tree.Directory, at < 0 ? node : node[..at]) };
            if (at >= 0)
            {
                arguments.Add("FLAVOR=" + node[(at + 1)..]);
            }

            arguments.Add("-DNO_DEPENDS");
            foreach (var phase in phases)
            {
                var result = await _runner.RunAsync(new ProcessSpec("bmake", [.. arguments, phase]) { Environment = environment });
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"{node}: bmake {phase} exited with {result.ExitCode}");
                }
            }

            built++;
        }

        return built;
    }
}
