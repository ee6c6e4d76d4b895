using System.Diagnostics;
using System.Text.RegularExpressions;
using GoSynth.Builder.Events;
using GoSynth.Builder.Scheduling;
using GoSynth.Cli.Live;
using GoSynth.Pkg.Scanning;
using Spectre.Console;
using Spectre.Console.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>The live view as a run's sink on an interactive test console: the scan's bar, then the run, redrawn by itself.</summary>
public sealed class LiveBuildViewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestConsole Console() => new TestConsole().Width(120).Height(30).Colors(ColorSystem.NoColors).Interactive().EmitAnsiSequences();

    private static string Plain(TestConsole console)
    {
        // The output is written from the view's own thread; read it in a retry loop rather than race the writer.
        for (var i = 0; ; i++)
        {
            try
            {
                return Regex.Replace(console.Output, @"\x1b\[[0-9;?]*[A-Za-z]", "");
            }
            catch (Exception) when (i < 5)
            {
                Thread.Yield();
            }
        }
    }

    private static async Task<string> WaitForAsync(TestConsole console, string pattern)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var text = Plain(console);
            if (Regex.IsMatch(text, pattern, RegexOptions.Multiline))
            {
                return text;
            }

            await Task.Delay(20, Ct);
        }

        Assert.Fail($"/{pattern}/ never appeared in:\n{Plain(console)}");
        return "";
    }

    [Fact]
    public async Task View_ShowsTheScanBarThenTheRunAndStopsWhenFlushedAfterTheEnd()
    {
        var console = Console();
        var view = new LiveBuildView(console, "gosynth build", refresh: TimeSpan.FromMilliseconds(20));
        await using (view)
        {
            view.Report(new ScanProgress(Queried: 3, Cached: 0, Pending: 7, Found: 3, Failed: 0));
            await WaitForAsync(console, @"Scanning ports 3/10");

            var t = DateTimeOffset.UtcNow;
            view.Publish(new RunStartedEvent(t, 5, "LiveSystem", 2, 2, 2));
            view.Publish(new PortQueuedEvent(t, "devel/libgreet", "1.0", "new"));
            view.Publish(new PortQueuedEvent(t, "misc/hello", "2.12", "new"));
            view.Publish(new PortStartedEvent(t, "misc/hello", 1));
            view.Publish(new PortPhaseEvent(t, "misc/hello", 1, "configure"));
            await WaitForAsync(console, @"^\s*02\s+\d\d:\d\d:\d\d\s+configure\s+misc/hello");
            await WaitForAsync(console, @"gosynth build  run 5  profile LiveSystem  building");

            view.Publish(new PortFinishedEvent(t, "misc/hello", 1, PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(3) }));
            await WaitForAsync(console, @"^success\s+00:00:03\s+misc/hello");

            view.Publish(new RunFinishedEvent(t, 5, false, 1, 0, 0, TimeSpan.FromSeconds(4)));
            var flush = view.FlushAsync(Ct).AsTask();
            Assert.Same(flush, await Task.WhenAny(flush, Task.Delay(TimeSpan.FromSeconds(10), Ct)));
            var drawn = console.Output.Length;
            await Task.Delay(100, Ct);
            Assert.Equal(drawn, console.Output.Length);
        }
    }

    [Fact]
    public async Task View_DisposedBeforeTheRunStarted_ClearsTheScanBarAndDrawsNoRun()
    {
        var console = Console();
        var view = new LiveBuildView(console, "gosynth build", refresh: TimeSpan.FromMilliseconds(20));
        view.Report(new ScanProgress(1, 0, 1, 1, 0));
        await WaitForAsync(console, @"Scanning ports 1/2");

        var dispose = view.DisposeAsync().AsTask();

        Assert.Same(dispose, await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(10), Ct)));
        Assert.DoesNotContain("Slot", Plain(console), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminalProgress_WithoutAConsole_JustRunsTheWork()
    {
        var result = await TerminalProgress.RunAsync(null, "Rebuilding", progress =>
        {
            progress.Report(new ProgressCount(1, 2));
            return Task.FromResult(42);
        });

        Assert.Equal(42, result);
    }

    [Fact]
    public async Task TerminalProgress_OnAConsole_FollowsTheCountsAndReturnsTheResult()
    {
        var console = Console();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = TerminalProgress.RunAsync(console, "Purging distfiles", async progress =>
        {
            progress.Report(new ProgressCount(17, 40));
            await release.Task;
            return "done";
        });

        await WaitForAsync(console, @"Purging distfiles 17/40.*42%");
        release.SetResult();

        Assert.Equal("done", await work);
    }

    [Fact]
    public async Task TerminalProgress_WorkThatEndsQuickly_NeverTouchesTheTerminal()
    {
        var console = Console();

        var result = await TerminalProgress.RunAsync(console, "Scanning the ports tree", progress =>
        {
            progress.Report(new ProgressCount(3, 4));
            return Task.FromResult("warm");
        });
        await Task.Delay(TerminalProgress.ShowAfter * 2, Ct);

        Assert.Equal("warm", result);
        Assert.Equal("", console.Output);
    }
}
