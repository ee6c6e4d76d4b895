using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Metrics;
using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;
using static GoSynth.Builder.Tests.Reporting.ReportingEvents;

namespace GoSynth.Builder.Tests.Reporting;

/// <summary>The run as a monitor shows it, folded from events and taken at a given moment.</summary>
public sealed class RunMonitorTests
{
    private static RunMonitor Applied(IEnumerable<BuildEvent> events)
    {
        var monitor = new RunMonitor();
        foreach (var e in events)
        {
            monitor.Apply(e);
        }

        return monitor;
    }

    private static IEnumerable<BuildEvent> UntilFirstFinish() => Run().TakeWhile(e => e is not PortFinishedEvent);

    [Fact]
    public void Snapshot_BeforeAnyRun_IsEmptyAndNotRunning()
    {
        var monitor = new RunMonitor();

        var snapshot = monitor.Snapshot(T0);

        Assert.False(monitor.HasStarted);
        Assert.False(snapshot.Running);
        Assert.Equal(0, snapshot.RunId);
        Assert.Empty(snapshot.Slots);
        Assert.Empty(snapshot.Recent);
        Assert.Equal(new MonitorTotals(0, 0, 0, 0, 0, 0, 0), snapshot.Totals);
        Assert.Equal(TimeSpan.Zero, snapshot.Elapsed);
    }

    [Fact]
    public void Snapshot_DuringRun_TimesSlotsUpToTheMomentGiven()
    {
        var monitor = Applied(UntilFirstFinish());

        var at100 = monitor.Snapshot(At(100));
        var at160 = monitor.Snapshot(At(160));

        Assert.True(monitor.HasStarted);
        Assert.True(at100.Running);
        Assert.Equal((7L, "LiveSystem", 2, (int?)2), (at100.RunId, at100.Profile, at100.Builders, at100.WorkerLimit));
        Assert.Equal(At(100), at100.Updated);
        Assert.Equal(TimeSpan.FromSeconds(100), at100.Elapsed);
        Assert.Equal(
            [new MonitorSlot(0, "devel/gmake", "build", TimeSpan.FromSeconds(98), TimeSpan.FromSeconds(99)),
             new MonitorSlot(1, "lang/python@py311", "build", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(98))],
            at100.Slots);
        Assert.Equal(TimeSpan.FromSeconds(160), at160.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(159), at160.Slots[0].InPort);
        Assert.Equal(new MonitorTotals(Queued: 4, Built: 0, Failed: 0, Skipped: 0, Ignored: 1, Remaining: 4, Meta: 1), at100.Totals);
        Assert.Equal([("x11/broken", "ignored")], at100.Recent.Select(r => (r.Port, r.Result)));
    }

    [Fact]
    public void Snapshot_AfterTheRunEnded_NoLongerChangesWithTime()
    {
        var monitor = Applied(Run());

        var soon = monitor.Snapshot(At(3726));
        var later = monitor.Snapshot(At(90_000));

        Assert.False(later.Running);
        Assert.Empty(later.Slots);
        Assert.Equal(TimeSpan.FromSeconds(3726), later.Elapsed);
        Assert.Equal(new MonitorTotals(Queued: 4, Built: 1, Failed: 1, Skipped: 2, Ignored: 1, Remaining: 0, Meta: 1), later.Totals);
        Assert.Equal((soon.Rate, soon.Impulse, soon.Totals, soon.Elapsed), (later.Rate, later.Impulse, later.Totals, later.Elapsed));
        Assert.Equal(soon.Recent, later.Recent);
        Assert.Equal(1, later.Rate);     // 2 finished × 3600 / 3726 s
        Assert.Equal(6, later.Impulse);  // 1 finished in the last 600 s × 3600 / 600
        Assert.Equal(["x11/broken", "devel/gmake", "lang/python@py311", "www/app", "www/app-plugin"], later.Recent.Select(r => r.Port));
    }

    [Fact]
    public void Snapshot_LoadAndSwap_FromTheReadingElseFromTheThrottleUntilTheNextRun()
    {
        var monitor = Applied(UntilFirstFinish());
        Assert.Null(monitor.Snapshot(At(5)).Load);

        monitor.Apply(new ThrottleChangedEvent(At(20), 1, 2) { Load = 9.5, SwapPercent = 12.5 });
        monitor.Apply(new ThrottleChangedEvent(At(30), 2, 1));
        var fromThrottle = monitor.Snapshot(At(40));
        var fromReading = monitor.Snapshot(At(40), new SystemMetricsSnapshot(1.25, 1000, 500, 8_000, 3_000));
        monitor.Apply(new RunStartedEvent(At(50), 8, "LiveSystem", 2, 1, 1));
        var nextRun = monitor.Snapshot(At(60));

        Assert.Equal((9.5, 12.5, (long?)null), (fromThrottle.Load, fromThrottle.SwapUsedPercent, fromThrottle.MemoryAvailableBytes));
        Assert.Equal(2, fromThrottle.WorkerLimit);
        Assert.Equal((1.25, 50.0, (long?)3_000), (fromReading.Load, fromReading.SwapUsedPercent, fromReading.MemoryAvailableBytes));
        Assert.Null(nextRun.Load);
        Assert.Null(nextRun.SwapUsedPercent);
    }

    [Fact]
    public void Apply_ANewRun_ForgetsThePreviousOne()
    {
        var monitor = Applied(Run());

        monitor.Apply(new RunStartedEvent(At(4000), 8, "Other", 3, 1, 1));
        var snapshot = monitor.Snapshot(At(4010));

        Assert.True(snapshot.Running);
        Assert.Equal((8L, "Other", 3, (int?)null), (snapshot.RunId, snapshot.Profile, snapshot.Builders, snapshot.WorkerLimit));
        Assert.Equal(new MonitorTotals(0, 0, 0, 0, 0, 0, 0), snapshot.Totals);
        Assert.Empty(snapshot.Recent);
        Assert.Equal(TimeSpan.FromSeconds(10), snapshot.Elapsed);
    }

    [Fact]
    public void Apply_FromManyThreadsWhileSnapshotsAreTaken_CountsEveryPort()
    {
        var monitor = new RunMonitor();
        monitor.Apply(new RunStartedEvent(T0, 1, "p", 8, 800, 800));
        for (var i = 0; i < 800; i++)
        {
            monitor.Apply(new PortQueuedEvent(T0, $"c/p{i}", "1", "new"));
        }

        Parallel.For(0, 800, i =>
        {
            var slot = i % 8;
            monitor.Apply(new PortStartedEvent(T0, $"c/p{i}", slot));
            monitor.Apply(new PortPhaseEvent(T0, $"c/p{i}", slot, "build"));
            var snapshot = monitor.Snapshot(T0);
            Assert.InRange(snapshot.Totals.Built + snapshot.Totals.Remaining, 800, 800);
            monitor.Apply(new PortFinishedEvent(T0, $"c/p{i}", slot, PortBuildOutcome.Success));
        });

        var last = monitor.Snapshot(T0 + TimeSpan.FromMinutes(1));
        Assert.Equal(800, last.Totals.Built);
        Assert.Equal(0, last.Totals.Remaining);
        Assert.Equal(MonitorSnapshot.RecentKept, last.Recent.Count);
        Assert.Equal(48_000, last.Rate); // 800 × 3600 / 60 s
    }

    [Fact]
    public async Task MonitorSink_WritesWhatTheMonitorSeesAtTheSameMoment()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(T0);
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), timeProvider: time, interval: TimeSpan.FromDays(1));
        var monitor = new RunMonitor();
        foreach (var e in UntilFirstFinish().Append(new ThrottleChangedEvent(At(30), 1, 2) { Load = 3.0, SwapPercent = 1.0 }))
        {
            sink.Publish(e);
            monitor.Apply(e);
            if (e is RunStartedEvent)
            {
                // The writer's own first snapshot, written when the run starts; later writes are the test's.
                for (var i = 0; i < 500 && !File.Exists(sink.FilePath); i++)
                {
                    await Task.Delay(10, TestContext.Current.CancellationToken);
                }
            }
        }

        time.SetUtcNow(At(120));
        await sink.WriteAsync(TestContext.Current.CancellationToken);
        var written = await MonitorSnapshot.ReadAsync(sink.FilePath, TestContext.Current.CancellationToken);
        var seen = monitor.Snapshot(At(120));

        Assert.NotNull(written);
        Assert.Equal(3.0, written.Load);
        Assert.Equal(2, written.Slots.Count);
        IReadOnlyList<MonitorSlot> noSlots = [];
        IReadOnlyList<MonitorFinishedPort> noRecent = [];
        Assert.Equal(seen with { Slots = noSlots, Recent = noRecent }, written with { Slots = noSlots, Recent = noRecent });
        Assert.Equal(seen.Slots, written.Slots);
        Assert.Equal(seen.Recent, written.Recent);
    }
}
