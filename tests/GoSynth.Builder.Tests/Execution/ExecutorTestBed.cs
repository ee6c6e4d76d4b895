using System.Collections.Concurrent;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Execution;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Profiles;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

/// <summary>
/// A build base with a small ports tree of its own (a test framework in <c>Mk/bsd.port.mk</c> whose phases echo
/// themselves and run <c>DO_&lt;phase&gt;</c> when the port sets it; <c>package</c> copies a package made here with
/// <see cref="PackageWriter"/> from the port's <c>files/</c> into <c>${PACKAGES}/All</c>), real Linux slots and a
/// <see cref="LocalSlotExecutor"/>. Disposing tears the slots down and cleans anything still mounted below it.
/// </summary>
internal sealed class ExecutorTestBed : IAsyncDisposable
{
    public const string Framework = """
        # Test framework: every phase says what it sees, then runs DO_<phase> when the port sets one.
        PKGNAME=	${PORTNAME}-${PORTVERSION}
        PKGFILE?=	${PKGNAME}.pkg
        WRKDIR=		${WRKDIRPREFIX}/${.CURDIR:T}
        _PHASES=	fetch checksum extract patch configure build stage check-plist package
        DO_fetch?=	@test -z "$$(ls -A ${WRKDIRPREFIX})" || { echo "construction not empty: $$(ls -A ${WRKDIRPREFIX})"; exit 1; }
        DO_package?=	@mkdir -p ${PACKAGES}/All && cp ${.CURDIR}/files/${PKGFILE} ${PACKAGES}/All/${PKGFILE}

        .for _p in ${_PHASES}
        ${_p}:
        	@echo "phase=${_p} port=${PKGNAME} flavor=${FLAVOR} jobs=${MAKE_JOBS_NUMBER} opsys=${OPSYS} nodeps=${NO_DEPENDS} conf=${GOSYNTH_TEST_CONF}"
        .  if defined(DO_${_p:S/-/_/})
        	${DO_${_p:S/-/_/}}
        .  endif
        	@mkdir -p ${WRKDIR} && touch ${WRKDIR}/.${_p}.done
        .endfor
        """;

    private readonly TempDirectory _dir = new("gosynth-exec-");
    private readonly List<LocalSlotExecutor> _executors = [];

    public ExecutorTestBed()
    {
        foreach (var d in new[] { "ports/Mk", "distfiles", "packages/All", "options", "logs", "work", "Template/etc", "Template/var/db/pkg", "Template/usr/local/bin", "Template/tmp", "Template/root" })
        {
            Directory.CreateDirectory(_dir.Combine(d));
        }

        _dir.WriteFile("ports/Mk/bsd.port.mk", Framework.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        foreach (var name in new[] { "passwd", "group", "hosts", "nsswitch.conf", "ld.so.cache" })
        {
            if (File.Exists("/etc/" + name))
            {
                File.Copy("/etc/" + name, _dir.Combine("Template/etc", name));
            }
        }

        _dir.WriteFile("Template/" + SlotTemplate.GoodMarker, string.Empty);
        Options = new BuilderOptions
        {
            PortsDirectory = _dir.Combine("ports"),
            DistfilesDirectory = _dir.Combine("distfiles"),
            PackagesDirectory = _dir.Combine("packages"),
            OptionsDirectory = _dir.Combine("options"),
            BuildBase = _dir.Path,
            LogsDirectory = _dir.Combine("logs"),
            MaxJobsPerBuilder = 3,
            MakeConf = ["GOSYNTH_TEST_CONF=from-profile"],
            SlotBackend = BuilderSlotBackend.Linux,
        };
        SlotOptions = new SlotOptions
        {
            BuildBase = _dir.Path,
            PortsDirectory = Options.PortsDirectory,
            DistfilesDirectory = Options.DistfilesDirectory,
            PackagesDirectory = Options.PackagesDirectory,
            OptionsDirectory = Options.OptionsDirectory,
            RootSize = "256m",
            ConstructionSize = "256m",
            LocalBaseSize = "128m",
            Backend = SlotBackend.Linux,
            UnmountAttempts = 2,
            UnmountRetryDelay = TimeSpan.FromMilliseconds(50),
        };
    }

    public BuilderOptions Options { get; }

    public SlotOptions SlotOptions { get; }

    public string BuildBase => _dir.Path;

    public ConcurrentQueue<BuildEvent> Events { get; } = new();

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public string PackagePath(string file) => _dir.Combine("packages", "All", file);

    public string LogPath(string logName) => _dir.Combine("logs", logName + ".log");

    public static void RequireRoot()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the local slot executor's tests use Linux slots");
        }

        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        if (uid != "0")
        {
            Assert.Skip("Linux slots mount filesystems and need root; run the tests as root (CI does)");
        }

        foreach (var tool in new[] { "/usr/bin/unshare", "/usr/bin/bmake" })
        {
            if (!File.Exists(tool))
            {
                Assert.Skip($"{tool} is missing; run eng/prereqs.sh");
            }
        }
    }

    /// <summary>
    /// Adds a port <paramref name="origin"/> whose Makefile holds <paramref name="makefileLines"/>, and its package
    /// (installing <c>/usr/local/share/&lt;name&gt;/marker</c>) in the port's <c>files/</c> for the package phase.
    /// </summary>
    public async Task AddPortAsync(string origin, string version = "1.0", string? flavor = null, params string[] makefileLines)
    {
        var name = origin.Split('/')[1];
        var lines = new List<string> { "PORTNAME=\t" + name, "PORTVERSION=\t" + version, "CATEGORIES=\t" + origin.Split('/')[0] };
        lines.AddRange(makefileLines);
        lines.Add(".include <bsd.port.mk>");
        _dir.WriteFile($"ports/{origin}/Makefile", string.Join('\n', lines) + "\n");
        var stage = _dir.Combine("stage", origin);
        Directory.CreateDirectory(Path.Combine(stage, "usr/local/share", name));
        File.WriteAllText(Path.Combine(stage, "usr/local/share", name, "marker"), origin + "\n");
        var manifest = new PackageManifest
        {
            Name = name,
            Origin = origin,
            Version = version,
            Prefix = "/usr/local",
            Comment = "test port " + name,
            Annotations = flavor is null ? [] : [KeyValuePair.Create("flavor", flavor)],
        };
        Directory.CreateDirectory(_dir.Combine("ports", origin, "files"));
        await PackageWriter.WriteAsync(stage, manifest, _dir.Combine("ports", origin, "files", $"{name}-{version}.pkg"), new PackageWriterOptions { CompressionLevel = 3 }, TestContext.Current.CancellationToken);
    }

    public async Task<LocalSlotExecutor> StartAsync(Action<LocalSlotExecutorOptions>? configure = null, int slots = 1)
    {
        var options = new LocalSlotExecutorOptions
        {
            SlotCount = slots,
            Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
            WorkDirectory = _dir.Combine("work"),
        };
        configure?.Invoke(options);
        var executor = new LocalSlotExecutor(Options, SlotEnvironment.Create(SlotOptions), new QueueSink(Events), executorOptions: options);
        _executors.Add(executor);
        await executor.InitializeAsync(TestContext.Current.CancellationToken);
        return executor;
    }

    public static PortBuildRequest Request(PortGraph graph, string id, int slot = 0)
    {
        var node = graph.Nodes.Single(n => n.Id.ToString() == id);
        return new PortBuildRequest(node, graph.GetInstallClosure(node), slot);
    }

    public IReadOnlyList<string> PhaseEvents(string port) =>
        [.. Events.OfType<PortPhaseEvent>().Where(e => e.Port == port).Select(e => e.Phase)];

    public static IReadOnlyList<string> MountsUnder(string path)
    {
        var prefix = Path.TrimEndingDirectorySeparator(path);
        return [.. File.ReadLines("/proc/self/mountinfo")
            .Select(l => l.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => m == prefix || m.StartsWith(prefix + "/", StringComparison.Ordinal))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var executor in _executors)
        {
            try
            {
                await executor.DisposeAsync();
            }
            catch (Exception)
            {
                // The cleanup below still runs.
            }
        }

        if (OperatingSystem.IsLinux() && MountsUnder(_dir.Path).Count > 0)
        {
            await SlotEnvironment.Create(SlotOptions).CleanupStaleSlotsAsync(CancellationToken.None);
        }

        _dir.Dispose();
    }

    private sealed class QueueSink(ConcurrentQueue<BuildEvent> events) : IBuildEventSink
    {
        public void Publish(BuildEvent buildEvent) => events.Enqueue(buildEvent);
    }
}
