using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Reporting;

/// <summary>dsynth's <c>Adjust Workers</c> line from a throttle change that carries the readings.</summary>
public sealed class DsynthLogSinkThrottleTests
{
    private static string[] Lines(TempDirectory dir, string name) =>
        File.ReadAllText(dir.Combine(name)).Split('\n')[..^1];

    [Fact]
    public void Publish_ThrottleWithReadings_WritesDsynthsAdjustWorkersLineToLog00Only()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 4, 3, 3));

        sink.Publish(new ThrottleChangedEvent(ReportingEvents.T0, 2, 4)
        {
            Load = 12.5,
            LoadLimit = 2,
            SwapPercent = 25,
            SwapLimit = 2,
            MemoryUsedBytes = 4L << 30,
            MemoryLimit = 4,
        });
        sink.Publish(new ThrottleChangedEvent(ReportingEvents.T0, 3, 2)
        {
            Load = 0.25,
            LoadLimit = 12,
            SwapPercent = 0,
            SwapLimit = 12,
            MemoryUsedBytes = 1536L << 20,
            MemoryLimit = 12,
        });

        Assert.Equal(
            [
                "[XXX] Load=12.50 ( 2) Swap=25.00%( 2) Mem=4.00G( 4) Adjust Workers 4->2",
                "[XXX] Load=0.25  (12) Swap=0.00%(12) Mem=1.50G(12) Adjust Workers 2->3",
            ],
            Lines(dir, "00_last_results.log").Where(l => l.Contains("Adjust", StringComparison.Ordinal)));
        Assert.DoesNotContain(Lines(dir, "07_debug.log"), l => l.Contains("Adjust", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_ThrottleWithoutReadings_WritesNoMadeUpReadings()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 4, 3, 3));

        sink.Publish(new ThrottleChangedEvent(ReportingEvents.T0, 2, 4));

        Assert.Contains("[XXX] Adjust Workers 4->2", Lines(dir, "07_debug.log"));
        Assert.DoesNotContain(Lines(dir, "00_last_results.log"), l => l.Contains("Load=", StringComparison.Ordinal));
    }
}
