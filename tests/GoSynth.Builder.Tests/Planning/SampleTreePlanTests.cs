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

/// <summary>The planner on a real scan (bmake) of a copy of samples/ports, against a real build database.</summary>
public sealed class SampleTreePlanTests
{
    private static PortId Id(string id) => PlanFixture.Id(id);

    [Fact]
    public async Task Create_SampleTreeAndBuildDb_EveryReasonAsAPersonReadsIt()
    {
        RequireBmake();
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var ports = dir.Combine("ports");
        Copy(RepositoryPaths.SamplePorts, ports);
        var repository = dir.Combine("packages", "All");
        Directory.CreateDirectory(repository);
        var scanner = new PortScanner(
            new PkgOptions { PortsDirectory = ports, MakeProgram = "bmake", Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2), WorkDirectory = dir.Combine("work"), SearchPath = "/usr/bin:/bin" },
            new ProcessRunner());
        var scan = await scanner.ScanToListAsync(ScanRequest.Everything, cancellationToken: ct);
        var graph = PortGraph.Build(scan.Results, scan.Roots);

        await using (var db = await BuildDatabase.OpenAsync(dir.Combine("gosynth.db"), cancellationToken: ct))
        {
            // Everything buildable was built once, except archivers/unpackx; net/fetchit was built at an older version.
            var run = await db.StartRunAsync("LiveSystem", ct);
            var records = graph.Nodes
                .Where(n => n.State == PortNodeState.Buildable && n.Id.Origin != "archivers/unpackx")
                .Select(n => new AttemptRecord(n.Id.ToString(), n.Id.Origin == "net/fetchit" ? "1.2.2" : n.Metadata!.Version, AttemptStatus.Success)
                {
                    PackageFile = n.Metadata!.PackageFile,
                    Fingerprint = PortFingerprint.Compute(Path.Combine(ports, n.Id.Origin), ct),
                })
                .ToList();
            await db.RecordAttemptsAsync(run.Id, records, ct);
            await db.FinishRunAsync(run.Id, cancellationToken: ct);
            foreach (var node in graph.Nodes.Where(n => n.Metadata is not null && n.Id.Origin != "devel/libgreet"))
            {
                await File.WriteAllTextAsync(Path.Combine(repository, node.Metadata!.PackageFile), "pkg", ct);
            }

            Directory.CreateDirectory(Path.Combine(ports, "misc/hello/files"));
            var patch = Path.Combine(ports, "misc/hello/files/patch-hello.c");
            await File.WriteAllTextAsync(patch, "--- hello.c\n+++ hello.c\n", ct);
            // The kernel stamps files with a coarse clock that can lag the build's recorded end by a few ms: say
            // plainly that the patch was written after the build.
            File.SetLastWriteTimeUtc(patch, TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));
            var plan = BuildPlanner.Create(graph, new BuildDbHistory(db), new PlanOptions { PortsDirectory = ports, RepositoryDirectory = repository }, ct);

            Assert.Equal("up to date (pkgconf-2.3.0.pkg)", plan[Id("devel/pkgconf")].Reason);
            Assert.Equal("new port", plan[Id("archivers/unpackx")].Reason);
            Assert.Equal("version 1.2.2 → 1.2.3", plan[Id("net/fetchit")].Reason);
            Assert.Equal("package file missing (libgreet-1.4.2_1.pkg)", plan[Id("devel/libgreet")].Reason);
            Assert.Equal("fingerprint changed (files/patch-hello.c)", plan[Id("misc/hello")].Reason);
            Assert.Equal("depends on devel/libgreet, which is rebuilt", plan[Id("editors/tedit@gui")].Reason);
            Assert.Equal(PlanAction.UpToDate, plan[Id("editors/tedit@tty")].Action);
            Assert.Matches("^depends on (archivers/unpackx|net/fetchit), which is rebuilt$", plan[Id("textproc/wordcount")].Reason);
            Assert.Equal(PlanAction.Ignored, plan[Id("sysutils/legacyd")].Action);
            Assert.StartsWith("IGNORE: ", plan[Id("sysutils/legacyd")].Reason, StringComparison.Ordinal);
            Assert.Equal(PlanAction.Skipped, plan[Id("sysutils/svcmon")].Action);
            Assert.StartsWith("depends on sysutils/legacyd, which is ignored", plan[Id("sysutils/svcmon")].Reason, StringComparison.Ordinal);
            Assert.Equal(PlanAction.Meta, plan[Id("misc/meta-samples")].Action);
            Assert.Equal(["editors/tedit@gui", "devel/libgreet"], plan.Why(Id("editors/tedit@gui")).Select(e => e.Id.ToString()));
            Assert.Equal(PlanAction.UpToDate, plan[Id("broken/badcode")].Action);
        }
    }

    internal static void RequireBmake()
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, "bmake")));
        if (!found)
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }
    }

    internal static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
