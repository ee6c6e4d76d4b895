using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Scheduling;
using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GoSynth.Builder.Tests.Reporting;

/// <summary>The monitor file's list of ports that ended recently, which a monitor in another process scrolls.</summary>
public sealed class MonitorSinkRecentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshot_ListsEndedPortsOldestFirstWithResultDurationAndDetail()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(T0);
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), timeProvider: time, interval: TimeSpan.FromDays(1));
        sink.Publish(new RunStartedEvent(T0, 3, "LiveSystem", 2, 3, 4));
        sink.Publish(new PortNotBuiltEvent(T0, "misc/askname", PlanAction.Ignored, "IGNORE: asks questions"));
        sink.Publish(new PortQueuedEvent(T0, "devel/libgreet", "1.0", "new"));
        sink.Publish(new PortQueuedEvent(T0, "broken/badcode", "1.0", "new"));
        sink.Publish(new PortQueuedEvent(T0, "misc/badclient", "1.0", "new"));
        sink.Publish(new PortStartedEvent(T0.AddSeconds(1), "devel/libgreet", 0));
        sink.Publish(new PortStartedEvent(T0.AddSeconds(1), "broken/badcode", 1));
        sink.Publish(new PortFinishedEvent(T0.AddSeconds(5), "devel/libgreet", 0, PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(4) }));
        sink.Publish(new PortFinishedEvent(T0.AddSeconds(7), "broken/badcode", 1, new PortBuildOutcome(false, "build", "make exited with status 1") { Duration = TimeSpan.FromSeconds(6) }));
        sink.Publish(new PortSkippedEvent(T0.AddSeconds(7), "misc/badclient", "broken/badcode", "dependency broken/badcode failed"));
        time.SetUtcNow(T0.AddSeconds(8));

        await sink.WriteAsync(Ct);
        var snapshot = await MonitorSnapshot.ReadAsync(sink.FilePath, Ct);

        Assert.NotNull(snapshot);
        Assert.Equal(
            [
                new MonitorFinishedPort("misc/askname", "ignored", T0, null, "IGNORE: asks questions"),
                new MonitorFinishedPort("devel/libgreet", "success", T0.AddSeconds(5), TimeSpan.FromSeconds(4), null),
                new MonitorFinishedPort("broken/badcode", "failure", T0.AddSeconds(7), TimeSpan.FromSeconds(6), "build"),
                new MonitorFinishedPort("misc/badclient", "skipped", T0.AddSeconds(7), null, "broken/badcode"),
            ],
            snapshot.Recent);
    }

    [Fact]
    public async Task Snapshot_KeepsOnlyTheNewestEndedPorts()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(T0);
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), timeProvider: time, interval: TimeSpan.FromDays(1));
        sink.Publish(new RunStartedEvent(T0, 1, "p", 1, 150, 150));
        for (var i = 0; i < 150; i++)
        {
            sink.Publish(new PortFinishedEvent(T0.AddSeconds(i), $"misc/p{i:000}", 0, PortBuildOutcome.Success));
        }

        await sink.WriteAsync(Ct);
        var snapshot = await MonitorSnapshot.ReadAsync(sink.FilePath, Ct);

        Assert.Equal(MonitorSnapshot.RecentKept, snapshot!.Recent.Count);
        Assert.Equal("misc/p050", snapshot.Recent[0].Port);
        Assert.Equal("misc/p149", snapshot.Recent[^1].Port);
    }

    [Fact]
    public async Task ReadAsync_AFileWithoutRecent_ReadsAsEmpty()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("monitor.json", """
            {"formatVersion":1,"runId":1,"profile":"p","running":true,"aborted":false,"started":"2026-12-01T10:00:00+00:00",
             "updated":"2026-12-01T10:00:01+00:00","elapsed":"00:00:01","builders":1,"workerLimit":null,"slots":[],
             "totals":{"queued":0,"built":0,"failed":0,"skipped":0,"ignored":0,"remaining":0,"meta":0},
             "load":null,"swapUsedPercent":null,"memoryAvailableBytes":null,"rate":0,"impulse":0}
            """);

        var snapshot = await MonitorSnapshot.ReadAsync(path, Ct);

        Assert.NotNull(snapshot);
        Assert.Empty(snapshot.Recent);
    }
}
