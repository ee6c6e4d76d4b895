using GoSynth.Builder.Configuration;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Running;
using GoSynth.Cli.Live;
using GoSynth.Cli.Tests.Support;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>
/// The live view counts a run from the same events the builder's monitor file is written from: after a whole-tree run
/// with a failed and a skipped port, its totals are the monitor file's and the run result's.
/// </summary>
public sealed class LiveTotalsTests
{
    [Fact]
    public async Task LiveView_AfterARunWithAFailureAndASkip_ShowsTheMonitorFilesTotals()
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All"), Failing = new HashSet<string> { "broken/badcode" } };
        await using var provider = new ServiceCollection()
            .AddGoSynthBuilder(o => DsynthConfiguration.LoadInto(o, etc))
            .AddSingleton<IPortBuildExecutorFactory>(executor)
            .BuildServiceProvider();
        var console = new TestConsole().Width(120).Height(30).Colors(ColorSystem.NoColors).Interactive();
        var view = new LiveBuildView(console, "gosynth build", refresh: TimeSpan.FromMilliseconds(50));
        BuildRunResult result;
        await using (view)
        {
            result = await provider.GetRequiredService<BuildRunner>().RunAsync(new BuildRunOptions { Sinks = [view] }, ct);
        }

        var frame = view.State.Frame(DateTimeOffset.UtcNow);
        var monitor = await MonitorSnapshot.ReadAsync(dir.Combine("logs", MonitorSink.DefaultFileName), ct);

        Assert.NotNull(monitor);
        Assert.Equal(1, result.Failed);
        Assert.True(result.Skipped >= 1, $"skipped {result.Skipped}");
        var totals = monitor.Totals;
        Assert.Equal(
            (totals.Queued, totals.Built, totals.Failed, totals.Skipped, totals.Ignored, totals.Remaining),
            (frame.Total, frame.Built, frame.Failed, frame.Skipped, frame.Ignored, frame.Remaining));
        Assert.Equal((result.Built, result.Failed), (frame.Built, frame.Failed));
        Assert.Equal(monitor.RunId, frame.RunId);
        Assert.False(frame.Running);
    }
}
