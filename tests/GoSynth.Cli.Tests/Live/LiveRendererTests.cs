using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Scheduling;
using GoSynth.Cli.Live;
using Spectre.Console.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>
/// The live view drawn from a sequence of the builder's events, on Spectre's test console: the builder's
/// <see cref="RunMonitor"/> folds them, <see cref="MonitorFrames"/> turns its snapshot into the frame drawn.
/// </summary>
public sealed class LiveRendererTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static string Draw(RunMonitor state, TimeSpan at, int height = 40, int width = 140)
    {
        var console = new TestConsole().Width(width).Height(height);
        console.Write(LiveRenderer.Render(MonitorFrames.From(state.Snapshot(T0 + at)), height, "gosynth build", width));
        return console.Output;
    }

    private static string[] Lines(string screen) => screen.Split('\n').Select(l => l.TrimEnd()).ToArray();

    private static RunMonitor Started(int builders = 2)
    {
        var state = new RunMonitor();
        state.Apply(new RunStartedEvent(T0, 7, "LiveSystem", builders, 3, 5));
        state.Apply(new PortNotBuiltEvent(T0, "misc/askname", PlanAction.Ignored, "IGNORE: asks questions"));
        state.Apply(new PortQueuedEvent(T0, "devel/libgreet", "1.0", "new"));
        state.Apply(new PortQueuedEvent(T0, "misc/hello", "2.12", "new"));
        state.Apply(new PortQueuedEvent(T0, "misc/badclient", "1.0", "new"));
        return state;
    }

    [Fact]
    public void Rows_AppearChangePhaseAndLeave()
    {
        var state = Started();

        var idle = Lines(Draw(state, TimeSpan.FromSeconds(1)));
        Assert.Contains(idle, l => l.Contains("01", StringComparison.Ordinal) && l.Contains("idle", StringComparison.Ordinal));
        Assert.Contains(idle, l => l.Contains("02", StringComparison.Ordinal) && l.Contains("idle", StringComparison.Ordinal));

        state.Apply(new PortStartedEvent(T0 + TimeSpan.FromSeconds(2), "devel/libgreet", 1));
        state.Apply(new PortPhaseEvent(T0 + TimeSpan.FromSeconds(2), "devel/libgreet", 1, "fetch"));
        var fetching = Lines(Draw(state, TimeSpan.FromSeconds(5)));
        var row = Assert.Single(fetching, l => l.Contains("devel/libgreet", StringComparison.Ordinal));
        Assert.Matches(@"^\s*02\s+00:00:03\s+fetch\s+devel/libgreet$", row);
        Assert.Contains(fetching, l => l.Contains("01", StringComparison.Ordinal) && l.Contains("idle", StringComparison.Ordinal));

        state.Apply(new PortPhaseEvent(T0 + TimeSpan.FromSeconds(6), "devel/libgreet", 1, "build"));
        var building = Lines(Draw(state, TimeSpan.FromSeconds(70)));
        Assert.Matches(@"^\s*02\s+00:01:08\s+build\s+devel/libgreet$", Assert.Single(building, l => l.Contains("devel/libgreet", StringComparison.Ordinal)));

        state.Apply(new PortFinishedEvent(T0 + TimeSpan.FromSeconds(80), "devel/libgreet", 1, PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(78) }));
        var after = Lines(Draw(state, TimeSpan.FromSeconds(81)));
        Assert.DoesNotContain(after, l => l.Contains("devel/libgreet", StringComparison.Ordinal) && l.Contains("build", StringComparison.Ordinal));
        Assert.Equal(2, after.Count(l => l.Contains("idle", StringComparison.Ordinal)));
        Assert.Matches(@"^success\s+00:01:18\s+devel/libgreet$", Assert.Single(after, l => l.Contains("devel/libgreet", StringComparison.Ordinal)));
    }

    [Fact]
    public void Header_CountsRatesLoadAndLimit()
    {
        var state = Started(builders: 4);
        state.Apply(new ThrottleChangedEvent(T0 + TimeSpan.FromSeconds(1), 3, 4) { Load = 9.5, SwapPercent = 12.24 });
        state.Apply(new PortStartedEvent(T0 + TimeSpan.FromSeconds(1), "devel/libgreet", 0));
        state.Apply(new PortFinishedEvent(T0 + TimeSpan.FromSeconds(30), "devel/libgreet", 0, PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(29) }));
        state.Apply(new PortStartedEvent(T0 + TimeSpan.FromSeconds(31), "misc/hello", 2));
        state.Apply(new PortFinishedEvent(T0 + TimeSpan.FromSeconds(60), "misc/hello", 2, new PortBuildOutcome(false, "build", "make exited with status 1") { Duration = TimeSpan.FromSeconds(29) }));
        state.Apply(new PortSkippedEvent(T0 + TimeSpan.FromSeconds(60), "misc/badclient", "misc/hello", "dependency misc/hello failed"));

        var screen = Draw(state, TimeSpan.FromMinutes(2));

        // 3 queued; 1 built, 1 failed, 1 skipped, none left; 1 ignored; 2 finished in 120 s = 60 an hour.
        Assert.Matches(@"Total 3\s+Built 1\s+Ignored 1\s+Load 9\.50\s+Rate 60/h\s+Workers 3/4", screen);
        Assert.Matches(@"Left 0\s+Failed 1\s+Skipped 1\s+Swap 12\.2%\s+Impulse 60/h", screen);
        Assert.Matches(@"gosynth build  run 7  profile LiveSystem  building\s+00:02:00", screen);
        Assert.Matches(@"failure\s+00:00:29\s+misc/hello  build", screen);
        Assert.Matches(@"skipped\s+misc/badclient  misc/hello", screen);
        Assert.Matches(@"ignored\s+misc/askname  IGNORE: asks questions", screen);
        Assert.Equal(4, Lines(screen).Count(l => l.Contains("idle", StringComparison.Ordinal)));

        state.Apply(new RunFinishedEvent(T0 + TimeSpan.FromMinutes(3), 7, false, 1, 1, 1, TimeSpan.FromMinutes(3)));
        var finished = Draw(state, TimeSpan.FromMinutes(10));
        Assert.Matches(@"finished\s+00:03:00", finished);
    }

    [Fact]
    public void FinishedList_ShowsTheNewestThatFitTheHeight()
    {
        var state = Started();
        for (var i = 0; i < 60; i++)
        {
            state.Apply(new PortFinishedEvent(T0 + TimeSpan.FromSeconds(i), $"misc/p{i:00}", 0, PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(1) }));
        }

        var lines = Lines(Draw(state, TimeSpan.FromSeconds(61), height: 20));

        Assert.True(lines.Count(l => l.Length > 0) <= 20, string.Join('\n', lines));
        Assert.Contains(lines, l => l.EndsWith("misc/p59", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.EndsWith("misc/p00", StringComparison.Ordinal));
        var shown = lines.Where(l => l.StartsWith("success", StringComparison.Ordinal)).ToList();
        Assert.Equal(shown.OrderBy(l => l, StringComparer.Ordinal), shown);
    }

    [Fact]
    public void FinishedList_OnANarrowTerminal_CutsLongLinesInsteadOfWrapping()
    {
        var state = Started();
        state.Apply(new PortNotBuiltEvent(T0, "sysutils/legacyd", PlanAction.Ignored, "IGNORE: needs the kvm swap interface removed from the kernel; use sysutils/svcmon"));
        for (var i = 0; i < 30; i++)
        {
            state.Apply(new PortFinishedEvent(T0 + TimeSpan.FromSeconds(i), $"misc/p{i:00}", 0, PortBuildOutcome.Success));
        }

        var lines = Lines(Draw(state, TimeSpan.FromSeconds(40), height: 24, width: 60));

        Assert.All(lines, l => Assert.True(l.Length <= 60, l));
        Assert.Contains(lines, l => l.EndsWith("misc/p29", StringComparison.Ordinal));
        Assert.True(lines.Length <= 24, string.Join('\n', lines));
    }
}
