using GoSynth.BuildDb;
using GoSynth.Builder.Planning;
using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Planning;

/// <summary>
/// Options, the framework and the dependency set, recorded in a real build database with each success and read
/// back after reopening it: a plan made after a restart still sees them change (real bmake scans of samples/ports).
/// </summary>
public sealed class SampleTreeHistoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Ports => _dir.Combine("ports");

    private string Repository => _dir.Combine("packages", "All");

    private string Database => _dir.Combine("gosynth.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PortId Id(string id) => PlanFixture.Id(id);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Plan_AfterReopen_OptionsFrameworkAndDependencySetChangesAreSeen()
    {
        SampleTreePlanTests.RequireBmake();
        SampleTreePlanTests.Copy(RepositoryPaths.SamplePorts, Ports);
        Directory.CreateDirectory(Repository);
        var graph = await ScanAsync(makeConf: null);
        await BuildEverythingAsync(graph);

        // Nothing changed: the recorded options, framework and dependencies match what the plan sees now.
        var unchanged = await PlanAsync(graph);
        Assert.Equal(0, unchanged.CountOf(PlanAction.Build));

        // Options and dependencies chosen in make.conf, as a user would.
        var makeConf = _dir.WriteFile("make.conf", """
            misc_hello_SET=	WORDS
            misc_hello_UNSET=	DOCS
            .if ${.CURDIR:M*/misc/termclock}
            BUILD_DEPENDS+=	pkgconf>=2.0:devel/pkgconf
            .endif

            """);
        var configured = await PlanAsync(await ScanAsync(makeConf));
        Assert.Equal((PlanReasonKind.OptionsChanged, "options changed (+WORDS -DOCS)"), (configured[Id("misc/hello")].Kind, configured[Id("misc/hello")].Reason));
        Assert.Equal((PlanReasonKind.DependenciesChanged, "dependencies changed (+devel/pkgconf)"), (configured[Id("misc/termclock")].Kind, configured[Id("misc/termclock")].Reason));
        Assert.Equal(PlanAction.UpToDate, configured[Id("devel/pkgconf")].Action);

        // The framework: one Mk file edited.
        var mk = Path.Combine(Ports, "Mk", "Uses", "localbase.mk");
        var original = await File.ReadAllTextAsync(mk, Ct);
        await File.AppendAllTextAsync(mk, "# edited\n", Ct);
        var edited = await PlanAsync(graph);
        Assert.Equal((PlanReasonKind.FrameworkChanged, "framework (Mk) changed"), (edited[Id("devel/pkgconf")].Kind, edited[Id("devel/pkgconf")].Reason));
        Assert.Equal((PlanReasonKind.FrameworkChanged, PlanAction.Build), (edited[Id("misc/hello")].Kind, edited[Id("misc/hello")].Action));
        Assert.Equal(0, edited.CountOf(PlanAction.UpToDate));
        await File.WriteAllTextAsync(mk, original, Ct);
        Assert.Equal(0, (await PlanAsync(graph)).CountOf(PlanAction.Build));
    }

    [Fact]
    public async Task Plan_DependencyRebuiltByAnEarlierRunWhileTheDependentFailed_DependentRebuiltAfterReopen()
    {
        SampleTreePlanTests.RequireBmake();
        SampleTreePlanTests.Copy(RepositoryPaths.SamplePorts, Ports);
        Directory.CreateDirectory(Repository);
        await BuildEverythingAsync(await ScanAsync(makeConf: null));

        // libgreet gets a new revision; this run rebuilds it, then misc/hello fails.
        var makefile = Path.Combine(Ports, "devel", "libgreet", "Makefile");
        await File.WriteAllTextAsync(makefile, (await File.ReadAllTextAsync(makefile, Ct)).Replace("PORTREVISION=\t1", "PORTREVISION=\t2", StringComparison.Ordinal), Ct);
        var bumped = await ScanAsync(makeConf: null);
        var plan = await PlanAsync(bumped);
        Assert.Equal("version 1.4.2_1 → 1.4.2_2", plan[Id("devel/libgreet")].Reason);
        Assert.Equal("depends on devel/libgreet, which is rebuilt", plan[Id("misc/hello")].Reason);
        await using (var db = await BuildDatabase.OpenAsync(Database, cancellationToken: Ct))
        {
            var run = await db.StartRunAsync("LiveSystem", Ct);
            var libgreet = bumped[Id("devel/libgreet")];
            var attempt = await db.StartAttemptAsync(run.Id, "devel/libgreet", libgreet.Metadata!.Version, 1, Ct);
            await db.FinishAttemptAsync(attempt.Id, PlanFingerprints.For(plan, libgreet).ApplyTo(new AttemptResult(AttemptStatus.Success)
            {
                PackageFile = libgreet.Metadata.PackageFile,
                Fingerprint = PortFingerprint.Compute(Path.Combine(Ports, "devel/libgreet"), Ct),
            }), Ct);
            await File.WriteAllTextAsync(Path.Combine(Repository, libgreet.Metadata.PackageFile), "pkg", Ct);
            var hello = await db.StartAttemptAsync(run.Id, "misc/hello", bumped[Id("misc/hello")].Metadata!.Version, 2, Ct);
            await db.FinishAttemptAsync(hello.Id, new AttemptResult(AttemptStatus.Failed) { Reason = "build failed" }, Ct);
            await db.FinishRunAsync(run.Id, RunOutcome.Aborted, Ct);
        }

        var after = await PlanAsync(bumped);

        Assert.Equal(PlanAction.UpToDate, after[Id("devel/libgreet")].Action);
        var entry = after[Id("misc/hello")];
        Assert.Equal((PlanAction.Build, PlanReasonKind.DependenciesChanged), (entry.Action, entry.Kind));
        Assert.Equal("dependencies changed (devel/libgreet 1.4.2_1 → 1.4.2_2)", entry.Reason);
        Assert.Equal(Id("devel/libgreet"), entry.Cause);
        Assert.Equal("dependencies changed (devel/libgreet 1.4.2_1 → 1.4.2_2)", after[Id("editors/tedit@gui")].Reason);
        Assert.Equal(PlanAction.UpToDate, after[Id("editors/tedit@tty")].Action);
    }

    private async Task<PortGraph> ScanAsync(string? makeConf)
    {
        var scanner = new PortScanner(
            new PkgOptions
            {
                PortsDirectory = Ports,
                MakeProgram = "bmake",
                Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
                WorkDirectory = _dir.Combine("work"),
                SearchPath = "/usr/bin:/bin",
                MakeConfFile = makeConf,
            },
            new ProcessRunner());
        var scan = await scanner.ScanToListAsync(ScanRequest.Everything, cancellationToken: Ct);
        return PortGraph.Build(scan.Results, scan.Roots);
    }

    /// <summary>A plan against the database as a new process sees it: opened afresh, read, closed.</summary>
    private async Task<BuildPlan> PlanAsync(PortGraph graph)
    {
        var options = new PlanOptions { PortsDirectory = Ports, RepositoryDirectory = Repository };
        if (!File.Exists(Database))
        {
            return BuildPlanner.Create(graph, new BuildHistorySnapshot(), options, Ct);
        }

        await using var db = await BuildDatabase.OpenReadOnlyAsync(Database, cancellationToken: Ct);
        return BuildPlanner.Create(graph, new BuildDbHistory(db), options, Ct);
    }

    /// <summary>Records a successful build of every buildable node, with what the run's plan says it was built from.</summary>
    private async Task BuildEverythingAsync(PortGraph graph)
    {
        var plan = await PlanAsync(graph);
        await using var db = await BuildDatabase.OpenAsync(Database, cancellationToken: Ct);
        var run = await db.StartRunAsync("LiveSystem", Ct);
        foreach (var entry in plan.ToBuild)
        {
            var node = graph[entry.Id];
            var record = new AttemptRecord(node.Id.ToString(), node.Metadata!.Version, AttemptStatus.Success)
            {
                PackageFile = node.Metadata.PackageFile,
                Fingerprint = PortFingerprint.Compute(Path.Combine(Ports, node.Id.Origin), Ct),
            };
            await db.RecordAttemptAsync(run.Id, PlanFingerprints.For(plan, node).ApplyTo(record), Ct);
            await File.WriteAllTextAsync(Path.Combine(Repository, node.Metadata.PackageFile), "pkg", Ct);
        }

        await db.FinishRunAsync(run.Id, cancellationToken: Ct);
    }
}
