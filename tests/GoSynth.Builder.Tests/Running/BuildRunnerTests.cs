using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Packages;

namespace GoSynth.Builder.Tests.Running;

/// <summary>Whole runs over a real bmake scan of a copy of samples/ports, a real build database and a fake executor.</summary>
public sealed class BuildRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequireBmake()
    {
        if (!RunFixture.HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }
    }

    [Fact]
    public async Task RunAsync_SampleTreeOnePortFails_EventsInOrderAttemptsRecordedCatalogRebuilt()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        await File.WriteAllTextAsync(Path.Combine(fixture.Repository, "oldtool-0.1.pkg"), "gone", Ct);
        var executor = fixture.Executor(failing: ["broken/badcode"]);
        var sink = new RecordingSink();

        var result = await fixture.Runner(executor, [sink]).RunAsync(new BuildRunOptions(), Ct);

        // Events: the run, the plan, then the builds; queued before started; the skip names the culprit.
        var events = sink.Events;
        var started = Assert.IsType<RunStartedEvent>(events[0]);
        Assert.Equal(result.RunId, started.RunId);
        Assert.Equal(2, started.Builders);
        var queued = events.OfType<PortQueuedEvent>().Select(e => e.Port).ToHashSet();
        Assert.Equal(started.ToBuild, queued.Count);
        Assert.Contains(events.OfType<PortNotBuiltEvent>(), e => e.Port == "sysutils/legacyd" && e.Action == PlanAction.Ignored);
        var starts = events.OfType<PortStartedEvent>().ToList();
        Assert.Equal("ports-mgmt/pkg", starts[0].Port);
        foreach (var start in starts)
        {
            Assert.Contains(start.Port, queued);
            Assert.True(events.FindIndex(e => e is PortQueuedEvent q && q.Port == start.Port) < events.IndexOf(start));
        }

        Assert.Contains(events.OfType<PortPhaseEvent>(), e => e.Port == "misc/hello" && e.Phase == "build");
        var skip = Assert.Single(events.OfType<PortSkippedEvent>(), e => e.Port == "misc/badclient");
        Assert.Equal("broken/badcode", skip.Culprit);
        var finished = Assert.IsType<RunFinishedEvent>(events[^1]);
        Assert.False(finished.Aborted);
        Assert.Equal(1, finished.Failed);
        Assert.Equal(result.Built, finished.Built);
        Assert.Equal(1, sink.Flushes);
        Assert.True(sink.FinishedBeforeFlush);

        // The result.
        Assert.False(result.Aborted);
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Failed);
        Assert.Equal(started.ToBuild, result.Built + result.Failed + result.Ports.Count(p => p.Culprit is not null));
        var bad = result.Ports.Single(p => p.Port == "broken/badcode");
        Assert.Equal((BuildRunPortStatus.Failed, "build"), (bad.Status, bad.Phase));
        Assert.Contains("error: expected ';'", bad.LogExcerpt, StringComparison.Ordinal);
        var client = result.Ports.Single(p => p.Port == "misc/badclient");
        Assert.Equal((BuildRunPortStatus.Skipped, "broken/badcode"), (client.Status, client.Culprit));
        Assert.Equal(BuildRunPortStatus.Ignored, result.Ports.Single(p => p.Port == "sysutils/legacyd").Status);
        Assert.Equal(["oldtool-0.1.pkg"], result.ObsoletePackages);
        Assert.Equal(["oldtool-0.1.pkg"], Assert.Single(events.OfType<ObsoletePackagesEvent>()).Files);
        Assert.Equal(1, executor.Disposed);

        // The catalog, rebuilt natively from the packages made.
        Assert.NotNull(result.Repository);
        Assert.True(File.Exists(Path.Combine(fixture.Options.PackagesDirectory, "packagesite.pkg")));
        Assert.Equal(result.Built, result.Repository.Entries.Count);

        // The build database: the run, and one attempt per node with phase, fingerprint, package and excerpt.
        await using var db = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct);
        Assert.Equal(RunOutcome.Completed, db.GetRun(result.RunId)!.Outcome);
        var attempts = db.GetRunAttempts(result.RunId).ToDictionary(a => a.Node);
        var hello = attempts["misc/hello"];
        var helloPort = result.Ports.Single(p => p.Port == "misc/hello");
        Assert.Equal(AttemptStatus.Success, hello.Status);
        Assert.Equal("package", hello.LastPhase);
        Assert.Equal(PortFingerprint.Compute(Path.Combine(fixture.Ports, "misc/hello"), Ct), hello.Fingerprint);
        Assert.Equal(helloPort.PackageFile, hello.PackageFile);
        Assert.Equal("hello", (await PackageReader.ReadManifestAsync(Path.Combine(fixture.Repository, hello.PackageFile!), Ct)).Name);
        Assert.True(hello.Slot is 0 or 1);
        var failed = attempts["broken/badcode"];
        Assert.Equal((AttemptStatus.Failed, "build", "make exited with status 1"), (failed.Status, failed.LastPhase, failed.Reason));
        Assert.Contains("*** Error code 1", failed.FailureExcerpt, StringComparison.Ordinal);
        Assert.Equal(AttemptStatus.Skipped, attempts["misc/badclient"].Status);
        Assert.Equal("dependency broken/badcode failed", attempts["misc/badclient"].Reason);
        Assert.Equal(AttemptStatus.Ignored, attempts["sysutils/legacyd"].Status);
        Assert.Equal(result.Ports.Length, attempts.Count);
    }

    [Fact]
    public async Task RunAsync_SecondRunAfterSuccess_EverythingUpToDateAndNoExecutor()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        var first = fixture.Executor();
        var one = await fixture.Runner(first).RunAsync(new BuildRunOptions { Ports = ["misc/hello"] }, Ct);
        Assert.True(one.Succeeded);
        Assert.True(one.Built >= 2, $"built {one.Built}");

        var second = fixture.Executor();
        var sink = new RecordingSink();
        var two = await fixture.Runner(second, [sink]).RunAsync(new BuildRunOptions { Ports = ["misc/hello"] }, Ct);

        Assert.True(two.Succeeded);
        Assert.Equal(0, two.Built);
        Assert.Equal(one.Built, two.CountOf(BuildRunPortStatus.UpToDate));
        Assert.Empty(second.Contexts);
        Assert.Empty(sink.Events.OfType<PortQueuedEvent>());
        Assert.All(sink.Events.OfType<PortNotBuiltEvent>(), e => Assert.Equal(PlanAction.UpToDate, e.Action));
        Assert.Empty(two.ObsoletePackages); // not a whole-tree run: nothing is called obsolete

        // force rebuilds the named port (and what depends on it), nothing else.
        var third = fixture.Executor();
        var forced = await fixture.Runner(third).RunAsync(new BuildRunOptions { Ports = ["misc/hello"], Force = true }, Ct);
        Assert.Equal(["misc/hello"], third.Requests.Select(r => r.Node.Id.ToString()));
        Assert.Equal("forced", forced.Ports.Single(p => p.Port == "misc/hello").Reason);
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_AbortedRunSlotsTornDownAfterBuildsEndedSinksFlushed()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        var executor = fixture.Executor(hanging: ["misc/hello"]);
        var sink = new RecordingSink();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = fixture.Runner(executor, [sink]).RunAsync(new BuildRunOptions(), cts.Token);
        await executor.HangingStarted.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        await cts.CancelAsync();
        var result = await run;

        Assert.True(result.Aborted);
        Assert.Equal(BuildRunPortStatus.Interrupted, result.Ports.Single(p => p.Port == "misc/hello").Status);
        Assert.True(result.CountOf(BuildRunPortStatus.NotStarted) > 0);
        Assert.Equal(["misc/hello"], executor.Cancelled);
        Assert.Equal(1, executor.Disposed);
        Assert.Equal(0, executor.RunningAtDispose);
        Assert.True(Assert.IsType<RunFinishedEvent>(sink.Events[^1]).Aborted);
        Assert.Equal(1, sink.Flushes);
        Assert.Null(result.Repository);
        Assert.False(File.Exists(Path.Combine(fixture.Options.PackagesDirectory, "packagesite.pkg")));

        await using var db = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct);
        Assert.Equal(RunOutcome.Aborted, db.GetRun(result.RunId)!.Outcome);
        Assert.Equal(AttemptStatus.Interrupted, db.GetRunAttempts(result.RunId).Single(a => a.Node == "misc/hello").Status);
        Assert.DoesNotContain(db.GetRunAttempts(result.RunId), a => a.Status == AttemptStatus.Running);
    }

    [Fact]
    public async Task RunAsync_SecondConcurrentRun_RefusedNamingTheHolderBeforeTouchingAnything()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        var executor = fixture.Executor(hanging: ["ports-mgmt/pkg"]);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = fixture.Runner(executor).RunAsync(new BuildRunOptions(), cts.Token);
        await executor.HangingStarted.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        var stale = Directory.CreateDirectory(Path.Combine(fixture.Options.BuildBase, "SL07")).FullName;
        var secondExecutor = fixture.Executor();
        var secondSink = new RecordingSink();
        var slots = GoSynth.Environment.Slots.SlotEnvironment.Create(new GoSynth.Environment.Slots.SlotOptions
        {
            BuildBase = fixture.Options.BuildBase,
            Backend = GoSynth.Environment.Slots.SlotBackend.Host,
        });
        var refused = await Assert.ThrowsAsync<BuildDbLockedException>(
            () => fixture.Runner(secondExecutor, [secondSink], slots).RunAsync(new BuildRunOptions(), Ct));

        Assert.Contains(System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Holder, StringComparison.Ordinal);
        Assert.Contains(refused.Holder, refused.Message, StringComparison.Ordinal);
        Assert.Empty(secondExecutor.Contexts);
        Assert.Empty(secondSink.Events);
        Assert.True(Directory.Exists(stale), "the refused run cleaned slots");

        await cts.CancelAsync();
        Assert.True((await first).Aborted);
    }

    [Fact]
    public async Task RunAsync_StaleSlotOfAKilledRun_TornDownBeforeTheRun()
    {
        RequireBmake();
        if (!OperatingSystem.IsLinux() || System.Environment.UserName != "root")
        {
            Assert.Skip("needs root on Linux to mount a stale slot's tmpfs");
        }

        using var fixture = new RunFixture();
        var construction = Directory.CreateDirectory(Path.Combine(fixture.Options.BuildBase, "SL03", "construction")).FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", construction);
        var slots = GoSynth.Environment.Slots.SlotEnvironment.Create(new GoSynth.Environment.Slots.SlotOptions
        {
            BuildBase = fixture.Options.BuildBase,
            Backend = GoSynth.Environment.Slots.SlotBackend.Linux,
        });

        var result = await fixture.Runner(fixture.Executor(), slots: slots).RunAsync(new BuildRunOptions { Ports = ["misc/hello"], JustBuild = true }, Ct);

        Assert.Equal([Path.Combine(fixture.Options.BuildBase, "SL03")], result.StaleSlotsCleaned);
        Assert.False(Directory.Exists(Path.Combine(fixture.Options.BuildBase, "SL03")));
        Assert.DoesNotContain(construction, await File.ReadAllTextAsync("/proc/self/mountinfo", Ct), StringComparison.Ordinal);
        Assert.True(result.Succeeded);
        Assert.Null(result.Repository); // just-build: no catalog
        Assert.False(File.Exists(Path.Combine(fixture.Options.PackagesDirectory, "packagesite.pkg")));
    }

    [Fact]
    public async Task RunAsync_NothingToBuildAndNoExecutor_CompletesWithoutOne()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        await fixture.Runner(fixture.Executor()).RunAsync(new BuildRunOptions { Ports = ["sysutils/legacyd"] }, Ct);

        var result = await fixture.Runner(executors: null).RunAsync(new BuildRunOptions { Ports = ["sysutils/legacyd"] }, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(BuildRunPortStatus.Ignored, result.Ports.Single(p => p.Port == "sysutils/legacyd").Status);
    }

    [Fact]
    public async Task RunAsync_SomethingToBuildAndNoExecutor_SaysSoBeforeOpeningARun()
    {
        RequireBmake();
        using var fixture = new RunFixture();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => fixture.Runner(executors: null).RunAsync(new BuildRunOptions { Ports = ["misc/hello"] }, Ct));

        Assert.Contains("IPortBuildExecutorFactory", error.Message, StringComparison.Ordinal);
        await using var db = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct);
        Assert.Empty(db.ListRuns());
    }

    [Fact]
    public async Task RunAsync_FailureMessageLongerThanTheDatabaseTakes_RecordedClipped()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        var executor = new GoSynth.Testing.FakePortBuildExecutor
        {
            RepositoryDirectory = fixture.Repository,
            Failing = new HashSet<string> { "misc/hello" },
            FailureMessage = "make: " + new string('x', 20_000),
        };

        var result = await fixture.Runner(executor).RunAsync(new BuildRunOptions { Ports = ["misc/hello"] }, Ct);

        Assert.Equal(1, result.Failed);
        Assert.Equal(20_006, result.Ports.Single(p => p.Port == "misc/hello").Reason.Length);
        await using var db = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct);
        Assert.Equal(RunOutcome.Completed, db.GetRun(result.RunId)!.Outcome);
        var attempt = db.GetRunAttempts(result.RunId).Single(a => a.Node == "misc/hello");
        Assert.Equal(AttemptStatus.Failed, attempt.Status);
        Assert.StartsWith("make: xxx", attempt.Reason, StringComparison.Ordinal);
        Assert.Equal(8000, attempt.Reason!.Length);
    }

    private static async Task RunAsync(params string[] argv)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(argv[0], argv[1..]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', argv)}: {error}");
    }
}
