using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;

namespace GoSynth.Builder.Tests.Running;

/// <summary>
/// The details dsynth's logs and hooks show, filled by a whole run over a real bmake scan of samples/ports with the
/// fake executor: dependency counts and sizes on START, skip counts on FAILURE and ignored ports, package files, and a
/// meta port whose dependency fails.
/// </summary>
public sealed class BuildRunnerEventDetailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequireBmake()
    {
        if (!RunFixture.HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }
    }

    private static string[] Lines(RunFixture fixture, string log) =>
        File.ReadAllLines(Path.Combine(fixture.Options.LogsDirectory, log));

    [Fact]
    public async Task RunAsync_MetaDependencyFails_MetaSkippedWithCulpritAndLogsAgree()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        var sink = new RecordingSink();
        var logs = new DsynthLogSink(fixture.Options.LogsDirectory);

        var result = await fixture.Runner(fixture.Executor(failing: ["textproc/wordcount"]), [sink, logs]).RunAsync(new BuildRunOptions(), Ct);

        // The scheduler skips the meta port, naming the failed dependency; nothing says it completed.
        var events = sink.Events;
        Assert.DoesNotContain(events.OfType<PortNotBuiltEvent>(), e => e.Port == "misc/meta-samples");
        var skip = Assert.Single(events.OfType<PortSkippedEvent>(), e => e.Port == "misc/meta-samples");
        Assert.Equal("textproc/wordcount", skip.Culprit);
        Assert.Equal("meta-samples-1.0.pkg", skip.PackageFile);
        var failure = Assert.Single(events.OfType<PortFinishedEvent>(), e => e.Port == "textproc/wordcount");
        Assert.Equal(1, failure.SkippedDependents);
        Assert.True(events.IndexOf(failure) < events.IndexOf(skip));

        var meta = result.Ports.Single(p => p.Port == "misc/meta-samples");
        Assert.Equal((BuildRunPortStatus.Skipped, "textproc/wordcount"), (meta.Status, meta.Culprit));
        await using (var db = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct))
        {
            Assert.Equal(AttemptStatus.Skipped, db.GetRunAttempts(result.RunId).Single(a => a.Node == "misc/meta-samples").Status);
        }

        var all = Lines(fixture, "00_last_results.log");
        Assert.DoesNotContain(all, l => l.Contains("meta-node complete", StringComparison.Ordinal));
        Assert.Contains("[XXX] misc/meta-samples skipped due to textproc/wordcount", Lines(fixture, "04_skipped_list.log"));
        var failed = Assert.Single(Lines(fixture, "02_failure_list.log"));
        Assert.Matches(@"^\[00[01]\] FAILURE textproc/wordcount 1 +build 00:00:00$", failed);
        Assert.Contains(all, l => l.Trim() == "meta-nodes: 0");
        Assert.Contains(all, l => l.Trim() == "failed: 1");
        Assert.Contains(all, l => l.Trim() == "skipped: 2"); // svcmon (plan) and the meta port
        Assert.Contains(all, l => l.Trim() == "Initial queue size: 23"); // every node of the sample tree, the skipped meta port included
    }

    [Fact]
    public async Task RunAsync_EverythingBuilds_StartLinesCarryRealCountsAndMetaCompletesAfterItsDependencies()
    {
        RequireBmake();
        using var fixture = new RunFixture();
        var sink = new RecordingSink();
        var logs = new DsynthLogSink(fixture.Options.LogsDirectory);

        var result = await fixture.Runner(fixture.Executor(), [sink, logs]).RunAsync(new BuildRunOptions(), Ct);
        Assert.True(result.Succeeded);

        var events = sink.Events;
        var starts = events.OfType<PortStartedEvent>().ToDictionary(e => e.Port);

        // textproc/greet-doc needs devel/libgreet, devel/patchkit and editors/tedit@tty (which needs devel/patchkit);
        // only the meta port depends on it.
        var doc = starts["textproc/greet-doc"];
        Assert.Equal((3, 1, 1), (doc.Dependencies, doc.Dependents, doc.DependentDepth));
        // Its installed dependencies are the three packages the run made; dsynth counts a .pkg twice its size.
        var files = events.OfType<PortQueuedEvent>().ToDictionary(e => e.Port, e => e.PackageFile);
        var installed = new[] { "devel/libgreet", "devel/patchkit", "editors/tedit@tty" }
            .Sum(p => new FileInfo(Path.Combine(fixture.Repository, files[p]!)).Length * 2);
        Assert.True(installed > 0);
        Assert.Equal(installed, doc.DependencyBytes);

        // devel/patchkit: nothing below; the two tedit flavors and greet-doc above it; the longest chain above it is
        // editors/tedit@tty, textproc/greet-doc, misc/meta-samples.
        var patchkit = starts["devel/patchkit"];
        Assert.Equal((0, 3, 3, 0L), (patchkit.Dependencies, patchkit.Dependents, patchkit.DependentDepth, patchkit.DependencyBytes));

        var line = Assert.Single(Lines(fixture, "00_last_results.log"), l => l.Contains("START   textproc/greet-doc", StringComparison.Ordinal));
        Assert.Matches(@"^\[00[01]\] START   textproc/greet-doc +idep=03 depi=01/01 dep=0\.00G$", line);

        // The meta port completes when its last dependency is built, once, and the logs say so then.
        var metaEvent = Assert.Single(events.OfType<PortNotBuiltEvent>(), e => e.Port == "misc/meta-samples");
        Assert.Equal(PlanAction.Meta, metaEvent.Action);
        foreach (var dependency in new[] { "misc/hello", "editors/tedit@gui", "textproc/wordcount", "textproc/greet-doc" })
        {
            Assert.True(events.FindIndex(e => e is PortFinishedEvent f && f.Port == dependency) < events.IndexOf(metaEvent), dependency);
        }

        var all = Lines(fixture, "00_last_results.log").ToList();
        var metaLine = all.FindIndex(l => l == "[XXX] misc/meta-samples meta-node complete");
        Assert.True(metaLine > all.FindIndex(l => l.Contains("SUCCESS textproc/greet-doc", StringComparison.Ordinal)));
        Assert.Contains(all, l => l.Trim() == "meta-nodes: 1");
        Assert.Equal(BuildRunPortStatus.Meta, result.Ports.Single(p => p.Port == "misc/meta-samples").Status);

        // Package files for hooks, and the ignored port's count of the ports it takes down.
        Assert.Equal("hello-2.12.pkg", events.OfType<PortQueuedEvent>().Single(e => e.Port == "misc/hello").PackageFile);
        var legacyd = events.OfType<PortNotBuiltEvent>().Single(e => e.Port == "sysutils/legacyd");
        Assert.Equal((PlanAction.Ignored, 1), (legacyd.Action, legacyd.SkippedDependents));
        Assert.Equal(0, events.OfType<PortNotBuiltEvent>().Single(e => e.Port == "misc/askname").SkippedDependents);
        Assert.Contains("[XXX] sysutils/legacyd 1 ignored due to IGNORE: needs the kvm swap interface removed from the kernel; use sysutils/svcmon", Lines(fixture, "03_ignored_list.log"));
    }
}
