using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Execution;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Profiles;
using GoSynth.Testing;

namespace GoSynth.Benchmarks.Builder;

/// <summary>
/// The local slot executor's cost per port beyond make's own work: a trivial port (every phase one echo; package
/// copies a prepared package) with one dependency, built in a real Linux slot with and without dependency reuse,
/// against the same eight bmake phase calls run directly on the host (make's own work). Needs root. Run it with
/// <c>--inProcess</c>: on a loaded machine the generated out-of-process project may not build within BenchmarkDotNet's timeout.
/// </summary>
[MemoryDiagnoser]
public class LocalSlotExecutorBenchmarks
{
    private const string Framework = """
        PKGNAME=	${PORTNAME}-${PORTVERSION}
        PKGFILE?=	${PKGNAME}.pkg
        WRKDIR=		${WRKDIRPREFIX}/${.CURDIR:T}
        _PHASES=	fetch checksum extract patch configure build stage check-plist package
        DO_package?=	@mkdir -p ${PACKAGES}/All && cp ${.CURDIR}/files/${PKGFILE} ${PACKAGES}/All/${PKGFILE}
        .for _p in ${_PHASES}
        ${_p}:
        	@echo "phase ${_p} of ${PKGNAME}"
        .  if defined(DO_${_p:S/-/_/})
        	${DO_${_p:S/-/_/}}
        .  endif
        	@mkdir -p ${WRKDIR} && touch ${WRKDIR}/.${_p}.done
        .endfor
        """;

    private readonly List<string> _bases = [];
    private readonly ProcessRunner _runner = new();
    private LocalSlotExecutor _reuse = null!;
    private LocalSlotExecutor _reset = null!;
    private PortBuildRequest _request = null!;
    private ProcessSpec[] _direct = [];
    private string _directWork = string.Empty;

    [GlobalSetup]
    public async Task Setup()
    {
        var graph = new GraphBuilder().Port("devel/dep").Port("misc/app", p => p.Lib("devel/dep")).Build();
        var app = graph.Nodes.Single(n => n.Id.Origin == "misc/app");
        _request = new PortBuildRequest(app, graph.GetInstallClosure(app), 0);
        _reuse = await StartAsync(graph, reuse: true);
        _reset = await StartAsync(graph, reuse: false);

        // make's own work: the same phases on the host, with the same environment but host paths.
        var root = _bases[0];
        _directWork = Path.Combine(root, "direct-work");
        var environment = LocalSlotExecutor.BuildEnvironment(new BuilderOptions { MaxJobsPerBuilder = 2 }, TargetProfile.FreeBsd("14.2"), stubs: true)
            .SetItem("PORTSDIR", Path.Combine(root, "ports"))
            .SetItem("WRKDIRPREFIX", _directWork)
            .SetItem("PACKAGES", Path.Combine(root, "direct-packages"))
            .SetItem("MAKESYSPATH", TargetProfile.FreeBsd("14.2").EnsureMakeSysPath(Path.Combine(root, "work"))!)
            .SetItem("__MAKE_CONF", "/dev/null");
        _direct = [.. PortPhases.MakePhases(checkPlist: false).Select(phase => new ProcessSpec("bmake", ["-C", Path.Combine(root, "ports/misc/app"), "-DNO_DEPENDS", phase]) { Environment = environment })];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _reuse.DisposeAsync();
        await _reset.DisposeAsync();
        foreach (var dir in _bases)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "8 bmake phases directly on the host")]
    public async Task<int> Direct()
    {
        if (Directory.Exists(_directWork))
        {
            Directory.Delete(_directWork, recursive: true);
        }

        var status = 0;
        foreach (var spec in _direct)
        {
            status |= (await _runner.RunAsync(spec)).ExitCode;
        }

        return status;
    }

    [Benchmark(Description = "executor, dependency kept (reuse)")]
    public async Task<bool> WithReuse() => Check(await _reuse.BuildAsync(_request));

    [Benchmark(Description = "executor, slot reset + install")]
    public async Task<bool> WithoutReuse() => Check(await _reset.BuildAsync(_request));

    private static bool Check(PortBuildOutcome outcome) =>
        outcome.Succeeded ? true : throw new InvalidOperationException($"{outcome.Phase}: {outcome.Message}\n{outcome.LogExcerpt}");

    private async Task<LocalSlotExecutor> StartAsync(PortGraph graph, bool reuse)
    {
        var root = Directory.CreateTempSubdirectory("gosynth-bench-exec-").FullName;
        _bases.Add(root);
        foreach (var d in new[] { "ports/Mk", "distfiles", "packages/All", "options", "logs", "work", "Template/etc", "Template/var/db/pkg", "Template/tmp" })
        {
            Directory.CreateDirectory(Path.Combine(root, d));
        }

        File.WriteAllText(Path.Combine(root, "ports/Mk/bsd.port.mk"), Framework + "\n");
        File.WriteAllText(Path.Combine(root, "Template", SlotTemplate.GoodMarker), string.Empty);
        foreach (var origin in new[] { "devel/dep", "misc/app" })
        {
            var name = origin.Split('/')[1];
            var portDirectory = Directory.CreateDirectory(Path.Combine(root, "ports", origin)).FullName;
            File.WriteAllText(Path.Combine(portDirectory, "Makefile"), $"PORTNAME=\t{name}\nPORTVERSION=\t1.0\nCATEGORIES=\t{origin.Split('/')[0]}\n.include <bsd.port.mk>\n");
            var stage = Path.Combine(root, "stage", name, "usr/local/share", name);
            Directory.CreateDirectory(stage);
            File.WriteAllText(Path.Combine(stage, "marker"), origin);
            Directory.CreateDirectory(Path.Combine(root, "ports", origin, "files"));
            await PackageWriter.WriteAsync(Path.Combine(root, "stage", name), new PackageManifest { Name = name, Origin = origin, Version = "1.0", Prefix = "/usr/local" },
                Path.Combine(root, "ports", origin, "files", name + "-1.0.pkg"), new PackageWriterOptions { CompressionLevel = 3 });
        }

        File.Copy(Path.Combine(root, "ports/devel/dep/files/dep-1.0.pkg"), Path.Combine(root, "packages/All/dep-1.0.pkg"));
        Directory.CreateDirectory(Path.Combine(root, "direct-packages"));
        var options = new BuilderOptions
        {
            PortsDirectory = Path.Combine(root, "ports"),
            DistfilesDirectory = Path.Combine(root, "distfiles"),
            PackagesDirectory = Path.Combine(root, "packages"),
            OptionsDirectory = Path.Combine(root, "options"),
            BuildBase = root,
            LogsDirectory = Path.Combine(root, "logs"),
            MaxJobsPerBuilder = 2,
        };
        var slots = SlotEnvironment.Create(new SlotOptions
        {
            BuildBase = root,
            PortsDirectory = options.PortsDirectory,
            DistfilesDirectory = options.DistfilesDirectory,
            PackagesDirectory = options.PackagesDirectory,
            OptionsDirectory = options.OptionsDirectory,
            RootSize = "256m",
            ConstructionSize = "256m",
            LocalBaseSize = "128m",
            Backend = SlotBackend.Linux,
        });
        var executor = new LocalSlotExecutor(options, slots, executorOptions: new LocalSlotExecutorOptions
        {
            SlotCount = 1,
            ReuseDependencies = reuse,
            Profile = TargetProfile.FreeBsd("14.2"),
            WorkDirectory = Path.Combine(root, "work"),
        });
        await executor.InitializeAsync();
        return executor;
    }
}
