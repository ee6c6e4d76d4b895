using System.Diagnostics;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Cli.Live;
using GoSynth.Cli.Tests.Support;
using GoSynth.Environment.Metrics;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;
using Spectre.Console.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>
/// <c>build</c>'s live view and <c>gosynth monitor</c> show one picture: the screen the view draws from its own
/// model is, line for line, the screen drawn from the monitor file written at the same moment for the same events.
/// </summary>
public sealed class LiveViewMonitorFileTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The host as the view and the monitor file both read it: always the same figures.</summary>
    private sealed class SteadyMetrics : ISystemMetrics
    {
        /// <summary>The load every reading gives (the throttle's events in the test carry another, 9.0).</summary>
        public const double Load = 0.75;

        public ValueTask<SystemMetricsSnapshot> ReadAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new SystemMetricsSnapshot(Load, 4_000, 1_000, 8_000_000_000, 6_000_000_000));
    }

    private static string Screen(MonitorSnapshot snapshot, int height)
    {
        var console = new TestConsole().Width(120).Height(height).Colors(ColorSystem.NoColors);
        console.Write(LiveRenderer.Render(MonitorFrames.From(snapshot), height, "gosynth build", 120));
        return console.Output;
    }

    /// <summary>Waits until the view has taken its own reading of the host (its drawing loop does so first).</summary>
    private static async Task ReadingTakenAsync(LiveBuildView view, DateTimeOffset now)
    {
        var clock = Stopwatch.StartNew();
        // Not just any load: without a reading the snapshot falls back to the throttle's last figure.
        while (view.Snapshot(now).Load != SteadyMetrics.Load)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the view never read the host's load");
            await Task.Delay(10, Ct);
        }
    }

    [Fact]
    public async Task LiveView_MidRun_DrawsTheMonitorFileWrittenAtTheSameMoment()
    {
        using var dir = new TempDirectory();
        var metrics = new SteadyMetrics();
        var time = new FakeTimeProvider(T0);
        await using var sink = new MonitorSink(dir.Combine("monitor.json"), metrics, time, interval: TimeSpan.FromDays(1));
        var console = new TestConsole().Width(120).Height(40).Colors(ColorSystem.NoColors).Interactive();
        var view = new LiveBuildView(console, "gosynth build", metrics, time, refresh: TimeSpan.FromDays(1), scanBar: false);
        await using (view)
        {
            void Both(BuildEvent e)
            {
                sink.Publish(e);
                view.Publish(e);
            }

            // More ended ports than a monitor file keeps, on a screen tall enough to show them all, so a view that
            // kept its own longer list would draw more of them.
            Both(new RunStartedEvent(T0, 42, "LiveSystem", 3, 131, 133));
            while (!File.Exists(sink.FilePath))
            {
                await Task.Delay(10, Ct); // the writer's own first snapshot; the one compared is the test's
            }

            Both(new PortNotBuiltEvent(T0, "misc/askname", PlanAction.Ignored, "IGNORE: asks questions"));
            Both(new PortNotBuiltEvent(T0, "x11/meta", PlanAction.Meta, "meta port"));
            for (var i = 0; i < 131; i++)
            {
                Both(new PortQueuedEvent(T0, $"misc/p{i:000}", "1.0", "new"));
            }

            for (var i = 0; i < 126; i++)
            {
                var started = T0.AddSeconds(i * 10);
                Both(new PortStartedEvent(started, $"misc/p{i:000}", i % 3));
                Both(new PortPhaseEvent(started.AddSeconds(1), $"misc/p{i:000}", i % 3, "build"));
                Both(new PortFinishedEvent(started.AddSeconds(9), $"misc/p{i:000}", i % 3, i == 125
                    ? new PortBuildOutcome(false, "stage", "make exited with status 2") { Duration = TimeSpan.FromSeconds(9) }
                    : PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(9) }));
            }

            Both(new PortSkippedEvent(T0.AddSeconds(1259), "misc/p126", "misc/p125", "dependency misc/p125 failed"));
            Both(new ThrottleChangedEvent(T0.AddSeconds(1260), 2, 3) { Load = 9.0, SwapPercent = 80.0 });
            Both(new PortStartedEvent(T0.AddSeconds(1260), "misc/p127", 0));
            Both(new PortPhaseEvent(T0.AddSeconds(1262), "misc/p127", 0, "configure"));
            Both(new PortStartedEvent(T0.AddSeconds(1270), "misc/p128", 2));

            var now = T0.AddSeconds(1300);
            time.SetUtcNow(now);
            await ReadingTakenAsync(view, now);
            await sink.WriteAsync(Ct);
            var written = await MonitorSnapshot.ReadAsync(sink.FilePath, Ct);

            Assert.NotNull(written);
            var fromView = Screen(view.Snapshot(now), 160);
            var fromFile = Screen(written, 160);
            Assert.Equal(fromFile, fromView);
            Assert.Matches(@"Total 131\s+Built 125\s+Ignored 1\s+Load 0\.75", fromView);
            Assert.Matches(@"Left 4\s+Failed 1\s+Skipped 1\s+Swap 25\.0%", fromView);
            Assert.Matches(@"01\s+00:00:40\s+configure\s+misc/p127", fromView);
            Assert.Matches(@"03\s+00:00:30\s+starting\s+misc/p128", fromView);
            Assert.Matches(@"failure\s+00:00:09\s+misc/p125  stage", fromView);
            Assert.Equal(MonitorSnapshot.RecentKept, fromView.Split('\n').Count(l => l.StartsWith("success", StringComparison.Ordinal) || l.StartsWith("failure", StringComparison.Ordinal) || l.StartsWith("skipped", StringComparison.Ordinal) || l.StartsWith("ignored", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task LiveView_AfterARunWithAFailureAndASkip_DrawsTheFinalMonitorFile()
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var metrics = new SteadyMetrics();
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All"), Failing = new HashSet<string> { "broken/badcode" } };
        await using var provider = new ServiceCollection()
            .AddGoSynthBuilder(o => DsynthConfiguration.LoadInto(o, etc))
            .AddSingleton<ISystemMetrics>(metrics)
            .AddSingleton<IPortBuildExecutorFactory>(executor)
            .BuildServiceProvider();
        var console = new TestConsole().Width(120).Height(30).Colors(ColorSystem.NoColors).Interactive();
        var view = new LiveBuildView(console, "gosynth build", metrics, refresh: TimeSpan.FromMilliseconds(50));
        BuildRunResult result;
        await using (view)
        {
            result = await provider.GetRequiredService<BuildRunner>().RunAsync(new BuildRunOptions { Sinks = [view] }, Ct);
        }

        var monitor = await MonitorSnapshot.ReadAsync(dir.Combine("logs", MonitorSink.DefaultFileName), Ct);
        var drawn = view.Snapshot(DateTimeOffset.UtcNow);

        Assert.NotNull(monitor);
        Assert.False(monitor.Running);
        Assert.Equal(1, result.Failed);
        Assert.True(result.Skipped >= 1, $"skipped {result.Skipped}");
        Assert.Equal((result.Built, result.Failed), (drawn.Totals.Built, drawn.Totals.Failed));
        Assert.Equal(Screen(monitor, 60), Screen(drawn, 60));
        Assert.Contains("broken/badcode", Screen(drawn, 60), StringComparison.Ordinal);
    }
}
