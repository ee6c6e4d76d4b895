using System.Collections.Concurrent;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Running;
using GoSynth.Builder.Tests.Execution;
using GoSynth.Builder.Tests.Running;
using GoSynth.BuildDb;
using GoSynth.Pkg.Packages;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.EndToEnd;

/// <summary>
/// The bundled sample tree built for real, as <c>gosynth build</c> composes it (<c>AddGoSynthBuilder</c>: the scan, the
/// plan, the scheduler, the local slot pool in Linux slots, the build database, the logs and the catalog). Root only.
/// </summary>
public sealed class SampleTreeBuildTests
{
    private static readonly string[] s_built =
    [
        "ports-mgmt/pkg", "devel/patchkit", "devel/pkgconf", "devel/libgreet", "devel/ncurses", "devel/kvmstub", "archivers/unpackx",
        "editors/tedit@tty", "editors/tedit@gui", "net/fetchit", "textproc/greet-doc", "misc/hello", "textproc/wordcount",
        "misc/termclock", "textproc/spell@de", "textproc/spell@en",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_SampleTree_BuildsEveryPortThenNothingThenWhatChangedThenWhatIsForced()
    {
        ExecutorTestBed.RequireRoot();
        using var fixture = new RunFixture();
        await using var provider = Compose(fixture);
        var runner = provider.GetRequiredService<BuildRunner>();

        // 1. Everything: each buildable port makes a package; the failing port fails in its build phase with the
        //    compiler's error and its dependent is skipped naming it; ignored ports stay ignored.
        var first = await runner.RunAsync(new BuildRunOptions(), Ct);

        Assert.False(first.Aborted);
        AssertPorts(s_built, first, BuildRunPortStatus.Built);
        var bad = Single(first, "broken/badcode");
        Assert.Equal((BuildRunPortStatus.Failed, "build"), (bad.Status, bad.Phase));
        Assert.Contains("error:", bad.LogExcerpt, StringComparison.Ordinal);
        Assert.Contains("undeclared_answer", await File.ReadAllTextAsync(bad.LogFile!, Ct), StringComparison.Ordinal);
        Assert.Equal((BuildRunPortStatus.Skipped, "broken/badcode"), (Single(first, "misc/badclient").Status, Single(first, "misc/badclient").Culprit));
        Assert.Equal(["misc/askname", "misc/keyvault", "sysutils/legacyd"], Ports(first, BuildRunPortStatus.Ignored));

        // The library consumer linked the library that its dependency's package installed into the slot.
        var helloLog = await File.ReadAllTextAsync(Single(first, "misc/hello").LogFile!, Ct);
        Assert.Contains("Installing libgreet-", helloLog, StringComparison.Ordinal);
        Assert.Contains("-L/usr/local/lib", helloLog, StringComparison.Ordinal);
        Assert.Contains("pkgconf --libs greet", helloLog, StringComparison.Ordinal);

        // Every package is a real pkg(8) package that installs; both flavors have their own.
        var repository = fixture.Options.EffectiveRepositoryDirectory;
        using var root = new TempDirectory();
        foreach (var port in first.Ports.Where(p => p.Status == BuildRunPortStatus.Built))
        {
            var file = Path.Combine(repository, port.PackageFile!);
            var manifest = await PackageReader.ReadManifestAsync(file, Ct);
            Assert.Equal(port.Port.Split('@')[0], manifest.Origin);
            Assert.Equal(port.Version, manifest.Version);
        }

        Assert.NotEqual(Single(first, "editors/tedit@tty").PackageFile, Single(first, "editors/tedit@gui").PackageFile);
        foreach (var name in new[] { "devel/libgreet", "misc/hello" })
        {
            await PackageInstaller.InstallAsync(Path.Combine(repository, Single(first, name).PackageFile!), root.Path, cancellationToken: Ct);
        }

        Assert.True(File.Exists(root.Combine("usr", "local", "bin", "hello")) || Directory.EnumerateFiles(root.Path, "hello", SearchOption.AllDirectories).Any());
        Assert.NotNull(first.Repository);
        Assert.Equal(s_built.Length, first.Repository.Entries.Count);

        // dsynth's logs, the report and the monitor file, and the history with what the next plan compares.
        var logs = fixture.Options.LogsDirectory;
        Assert.Contains(File.ReadLines(Path.Combine(logs, "02_failure_list.log")), l => l.Contains("broken/badcode", StringComparison.Ordinal));
        Assert.Contains("\"dependencyReuse\"", await File.ReadAllTextAsync(Path.Combine(logs, "summary.json"), Ct), StringComparison.Ordinal);
        var reuse = first.DependencyReuse;
        Assert.True(reuse.Installed > 0 && reuse.InstallTime > TimeSpan.Zero, $"{reuse}");
        Assert.Equal(first.Ports.Sum(p => p.InstalledPackages), reuse.Installed);
        Assert.True(File.Exists(Path.Combine(logs, "report.html")));
        var monitor = await MonitorSnapshot.ReadAsync(Path.Combine(logs, MonitorSink.DefaultFileName), Ct);
        Assert.NotNull(monitor);
        Assert.Equal(first.RunId, monitor.RunId);
        await using (var database = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct))
        {
            var hello = database.GetLatestSuccess("misc/hello");
            Assert.NotNull(hello);
            Assert.Contains("devel/libgreet", hello.Dependencies, StringComparison.Ordinal);
            Assert.Equal(RunOutcome.Completed, database.GetRun(first.RunId)!.Outcome);
        }

        // 2. Again: nothing is built but the port that failed; everything else says why it is up to date.
        var second = await runner.RunAsync(new BuildRunOptions(), Ct);

        Assert.Equal(["broken/badcode"], Ports(second, BuildRunPortStatus.Failed));
        Assert.Empty(Ports(second, BuildRunPortStatus.Built));
        AssertPorts(s_built, second, BuildRunPortStatus.UpToDate);
        Assert.All(second.Ports.Where(p => p.Status == BuildRunPortStatus.UpToDate), p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));

        // 3. One file of one port changes: that port and what depends on it are built, nothing else.
        await File.AppendAllTextAsync(Path.Combine(fixture.Ports, "devel", "libgreet", "Makefile"), "# touched\n", Ct);
        var third = await runner.RunAsync(new BuildRunOptions(), Ct);

        Assert.Equal(["devel/libgreet", "editors/tedit@gui", "misc/hello", "textproc/greet-doc"], Ports(third, BuildRunPortStatus.Built).Where(p => p != "broken/badcode"));
        Assert.Contains("fingerprint changed", Single(third, "devel/libgreet").Reason, StringComparison.Ordinal);
        Assert.Contains("devel/libgreet", Single(third, "misc/hello").Reason, StringComparison.Ordinal);

        // 4. force: the named port and its dependents, whatever their state.
        var fourth = await runner.RunAsync(new BuildRunOptions { Ports = ["devel/pkgconf"], Force = true }, Ct);

        Assert.Contains("devel/pkgconf", Ports(fourth, BuildRunPortStatus.Built));
        Assert.DoesNotContain("devel/libgreet", Ports(fourth, BuildRunPortStatus.Built));
        Assert.Empty(SlotMounts(fixture.Options.BuildBase));
    }

    [Fact]
    public async Task Build_InterruptedInTheMiddle_LeavesNoMountNoProcess_ClosesTheRunAborted_AndTheNextRunIsClean()
    {
        ExecutorTestBed.RequireRoot();
        using var fixture = new RunFixture();
        await using var provider = Compose(fixture);
        var runner = provider.GetRequiredService<BuildRunner>();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var trigger = new CancelOnPhase("misc/hello", "build", interrupt);

        var aborted = await runner.RunAsync(new BuildRunOptions { Sinks = [trigger] }, interrupt.Token);

        Assert.True(trigger.Fired);
        Assert.True(aborted.Aborted);
        Assert.Empty(SlotMounts(fixture.Options.BuildBase));
        Assert.Empty(ProcessesInside(fixture.Options.BuildBase));
        await using (var database = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct))
        {
            Assert.Equal(RunOutcome.Aborted, database.GetRun(aborted.RunId)!.Outcome);
            Assert.DoesNotContain(database.GetRunAttempts(aborted.RunId), a => a.Status == AttemptStatus.Running);
        }

        var next = await runner.RunAsync(new BuildRunOptions(), Ct);

        Assert.False(next.Aborted);
        Assert.Contains("misc/hello", Ports(next, BuildRunPortStatus.Built));
        Assert.Equal(["broken/badcode"], Ports(next, BuildRunPortStatus.Failed));
        Assert.Empty(SlotMounts(fixture.Options.BuildBase));
    }

    private static ServiceProvider Compose(RunFixture fixture)
    {
        // The directories init creates; a run refuses to start without them.
        Directory.CreateDirectory(fixture.Options.DistfilesDirectory);
        Directory.CreateDirectory(fixture.Options.OptionsDirectory);
        var services = new ServiceCollection().AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = fixture.Ports;
            o.PackagesDirectory = fixture.Options.PackagesDirectory;
            o.BuildBase = fixture.Options.BuildBase;
            o.LogsDirectory = fixture.Options.LogsDirectory;
            o.DistfilesDirectory = fixture.Options.DistfilesDirectory;
            o.OptionsDirectory = fixture.Options.OptionsDirectory;
            o.NumberOfBuilders = 2;
            o.MaxJobsPerBuilder = 1;
            o.DisableThrottle = true;
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    /// <summary>Exactly <paramref name="expected"/> ended with <paramref name="status"/>; on failure, every port's status and reason.</summary>
    private static void AssertPorts(IEnumerable<string> expected, BuildRunResult result, BuildRunPortStatus status) =>
        Assert.True(
            expected.Order(StringComparer.Ordinal).SequenceEqual(Ports(result, status)),
            $"expected {status}: {string.Join(' ', expected)}\n" +
            string.Join("\n", result.Ports.Select(p => $"{p.Port} {p.Status} {p.Phase} {p.Reason} {p.LogExcerpt}")) + "\n" + string.Join("\n", result.Notes));

    private static BuildRunPort Single(BuildRunResult result, string port) => result.Ports.Single(p => p.Port == port);

    private static string[] Ports(BuildRunResult result, BuildRunPortStatus status) =>
        [.. result.Ports.Where(p => p.Status == status).Select(p => p.Port).Order(StringComparer.Ordinal)];

    private static string[] SlotMounts(string buildBase) =>
        [.. File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.StartsWith(buildBase + "/", StringComparison.Ordinal))];

    /// <summary>Processes whose root or working directory lies inside the build base (a slot's).</summary>
    private static string[] ProcessesInside(string buildBase)
    {
        var found = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            foreach (var link in new[] { "root", "cwd" })
            {
                try
                {
                    if (new FileInfo(Path.Combine(proc, link)).LinkTarget is { } target && target.StartsWith(buildBase + "/", StringComparison.Ordinal))
                    {
                        found.Add($"{Path.GetFileName(proc)} {link} {target}");
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The process ended while we looked.
                }
            }
        }

        return [.. found];
    }

    /// <summary>Cancels the run when a given port enters a given phase.</summary>
    private sealed class CancelOnPhase(string port, string phase, CancellationTokenSource interrupt) : IBuildEventSink
    {
        private readonly ConcurrentQueue<BuildEvent> _events = new();

        public bool Fired { get; private set; }

        public void Publish(BuildEvent buildEvent)
        {
            _events.Enqueue(buildEvent);
            if (buildEvent is PortPhaseEvent e && e.Port == port && e.Phase == phase && !Fired)
            {
                Fired = true;
                interrupt.Cancel();
            }
        }
    }
}
