using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Metrics;
using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GoSynth.Builder.Tests.Reporting;

public sealed class MonitorSinkTests
{
    private static ISystemMetrics Metrics()
    {
        var metrics = new Mock<ISystemMetrics>();
        metrics.Setup(m => m.ReadAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SystemMetricsSnapshot(1.5, 1000, 250, 8_000_000_000, 3_000_000_000));
        return metrics.Object;
    }

    /// <summary>Starts the run and waits for the writer's first snapshot, so that later writes are the test's own.</summary>
    private static async Task StartedAsync(MonitorSink sink, BuildEvent started)
    {
        sink.Publish(started);
        for (var i = 0; i < 500 && !File.Exists(sink.FilePath); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(sink.FilePath), "the writer wrote no snapshot at the start of the run");
    }

    [Fact]
    public async Task WriteAsync_DuringRun_HoldsSlotsTotalsMetricsAndLimit()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(ReportingEvents.T0);
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), Metrics(), time, interval: TimeSpan.FromDays(1));
        var events = ReportingEvents.Run();
        await StartedAsync(sink, events[0]);
        sink.PublishAll(events.Skip(1).TakeWhile(e => e is not PortFinishedEvent));
        time.SetUtcNow(ReportingEvents.At(100));

        await sink.WriteAsync(TestContext.Current.CancellationToken);
        var snapshot = await MonitorSnapshot.ReadAsync(dir.Combine("monitor.json"), TestContext.Current.CancellationToken);

        Assert.NotNull(snapshot);
        Assert.Equal(MonitorSnapshot.CurrentFormatVersion, snapshot.FormatVersion);
        Assert.Equal(7, snapshot.RunId);
        Assert.Equal("LiveSystem", snapshot.Profile);
        Assert.True(snapshot.Running);
        Assert.Equal(ReportingEvents.T0, snapshot.Started);
        Assert.Equal(TimeSpan.FromSeconds(100), snapshot.Elapsed);
        Assert.Equal(2, snapshot.Builders);
        Assert.Equal(2, snapshot.WorkerLimit);
        Assert.Equal(
            [new MonitorSlot(0, "devel/gmake", "build", TimeSpan.FromSeconds(98), TimeSpan.FromSeconds(99)),
             new MonitorSlot(1, "lang/python@py311", "build", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(98))],
            snapshot.Slots);
        Assert.Equal(new MonitorTotals(Queued: 4, Built: 0, Failed: 0, Skipped: 0, Ignored: 1, Remaining: 4, Meta: 1), snapshot.Totals);
        Assert.Equal(1.5, snapshot.Load);
        Assert.Equal(25.0, snapshot.SwapUsedPercent);
        Assert.Equal(3_000_000_000, snapshot.MemoryAvailableBytes);
        Assert.Equal(0, snapshot.Rate);
    }

    [Fact]
    public async Task WriteAsync_AfterACompletion_ComputesDsynthsRateAndImpulse()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(ReportingEvents.T0);
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), timeProvider: time, interval: TimeSpan.FromDays(1));
        var events = ReportingEvents.Run();
        await StartedAsync(sink, events[0]);
        sink.PublishAll(events.Skip(1).Take(events.ToList().FindIndex(e => e is PortFinishedEvent)));

        time.SetUtcNow(ReportingEvents.At(100));
        await sink.WriteAsync(TestContext.Current.CancellationToken);
        var early = await MonitorSnapshot.ReadAsync(dir.Combine("monitor.json"), TestContext.Current.CancellationToken);
        time.SetUtcNow(ReportingEvents.At(1200));
        await sink.WriteAsync(TestContext.Current.CancellationToken);
        var late = await MonitorSnapshot.ReadAsync(dir.Combine("monitor.json"), TestContext.Current.CancellationToken);

        Assert.Equal(36, early!.Rate);       // 1 port × 3600 / 100 s
        Assert.Equal(36, early.Impulse);     // the window is the run so far
        Assert.Equal(3, late!.Rate);         // 1 × 3600 / 1200 s
        Assert.Equal(0, late.Impulse);       // nothing finished in the last 600 s
        Assert.Null(late.Load);
        Assert.Equal([new MonitorSlot(1, "lang/python@py311", "build", TimeSpan.FromSeconds(1190), TimeSpan.FromSeconds(1198))], late.Slots);
        Assert.Equal(1, late.Totals.Built);
        Assert.Equal(3, late.Totals.Remaining);
    }

    [Fact]
    public async Task FlushAsync_AfterRunFinished_WritesAFinalSnapshotThatIsNotRunning()
    {
        using var dir = new TempDirectory();
        await using var sink = new MonitorSink(dir.Combine("logs", "monitor.json"), interval: TimeSpan.FromMilliseconds(20));

        sink.PublishAll(ReportingEvents.Run());
        await sink.FlushAsync(TestContext.Current.CancellationToken);
        var snapshot = await MonitorSnapshot.ReadAsync(dir.Combine("logs", "monitor.json"), TestContext.Current.CancellationToken);

        Assert.NotNull(snapshot);
        Assert.False(snapshot.Running);
        Assert.Empty(snapshot.Slots);
        Assert.Equal(TimeSpan.FromSeconds(3726), snapshot.Elapsed);
        Assert.Equal(new MonitorTotals(Queued: 4, Built: 1, Failed: 1, Skipped: 2, Ignored: 1, Remaining: 0, Meta: 1), snapshot.Totals);
        Assert.Empty(Directory.GetFiles(dir.Combine("logs"), "*.new"));
    }

    [Fact]
    public async Task ReadAsync_NoFile_ReturnsNull_GarbageFile_SaysWhichFile()
    {
        using var dir = new TempDirectory();
        Assert.Null(await MonitorSnapshot.ReadAsync(dir.Combine("none.json"), TestContext.Current.CancellationToken));

        var garbage = dir.WriteFile("garbage.json", "{ not json");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => MonitorSnapshot.ReadAsync(garbage, TestContext.Current.CancellationToken));
        Assert.Contains(garbage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhileTheWriterReplacesTheFile_AlwaysReadsAWholeSnapshot()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("monitor.json");
        await using var sink = new MonitorSink(path, Metrics(), interval: TimeSpan.FromMilliseconds(1));
        sink.Publish(new RunStartedEvent(DateTimeOffset.UtcNow, 9, "LiveSystem", 4, 100, 100));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var publisher = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                sink.Publish(new PortPhaseEvent(DateTimeOffset.UtcNow, $"cat/port{i % 50}", i % 4, $"phase-{i}"));
                if (i % 10 == 0)
                {
                    await Task.Delay(1, CancellationToken.None);
                }
            }
        }, TestContext.Current.CancellationToken);

        var reads = 0;
        var updates = new HashSet<DateTimeOffset>();
        while (!stop.IsCancellationRequested)
        {
            var snapshot = await MonitorSnapshot.ReadAsync(path, TestContext.Current.CancellationToken);
            if (snapshot is null)
            {
                Assert.Empty(updates);   // only before the first write
                continue;
            }

            reads++;
            updates.Add(snapshot.Updated);
            Assert.Equal(9, snapshot.RunId);
            Assert.InRange(snapshot.Slots.Count, 0, 4);
        }

        await publisher;
        sink.Publish(new RunFinishedEvent(DateTimeOffset.UtcNow, 9, true, 0, 0, 0, TimeSpan.FromSeconds(2)));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.True(reads > 20, $"only {reads} reads");
        Assert.True(updates.Count > 3, $"only {updates.Count} distinct snapshots read");
        Assert.True((await MonitorSnapshot.ReadAsync(path, TestContext.Current.CancellationToken))!.Aborted);
    }

    [Fact]
    public async Task FlushAsync_DuringARun_ReturnsAndTheWriterGoesOn()
    {
        using var dir = new TempDirectory();
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), interval: TimeSpan.FromMilliseconds(10));
        sink.Publish(new RunStartedEvent(DateTimeOffset.UtcNow, 3, "LiveSystem", 1, 1, 1));

        await sink.FlushAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        sink.Publish(new PortStartedEvent(DateTimeOffset.UtcNow, "devel/late", 0));

        MonitorSnapshot? snapshot = null;
        for (var i = 0; i < 500 && snapshot?.Slots.Count != 1; i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
            snapshot = await MonitorSnapshot.ReadAsync(sink.FilePath, TestContext.Current.CancellationToken);
        }

        Assert.Equal("devel/late", Assert.Single(snapshot!.Slots).Port);
        Assert.True(snapshot.Running);
    }
}
