using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Scheduling;
using GoSynth.Testing;
using static GoSynth.Builder.Tests.Reporting.ReportingEvents;

namespace GoSynth.Builder.Tests.Reporting;

/// <summary>How the dsynth logs are held during a run, and what a hostile port name can do to them.</summary>
public sealed class DsynthLogSinkFileTests
{
    private static string[] Lines(TempDirectory dir, string name) => File.ReadAllText(dir.Combine("logs", name)).Split('\n')[..^1];

    /// <summary>This process's open descriptors that name a file in <paramref name="directory"/>.</summary>
    private static string[] OpenFilesIn(string directory)
    {
        var open = new List<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(directory + "/", StringComparison.Ordinal))
                {
                    open.Add(Path.GetFileName(target));
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return [.. open.Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Publish_DuringARun_KeepsTheLogsOpenAndEveryLineIsInTheFileAtOnce_ClosedAtTheEnd()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc/self/fd");
        }

        using var dir = new TempDirectory();
        var logs = dir.Combine("logs");
        using var sink = new DsynthLogSink(logs);
        var events = Run();
        var finished = events.Count - 1;

        for (var i = 0; i < finished; i++)
        {
            sink.Publish(events[i]);
            if (events[i] is PortFinishedEvent { Outcome.Succeeded: true })
            {
                // No flush asked for: a reader (tail -f, the monitor) already sees the line.
                Assert.Single(Lines(dir, "01_success_list.log"), l => l.Contains("SUCCESS devel/gmake", StringComparison.Ordinal));
            }
        }

        Assert.Equal([.. DsynthLogSink.LogFileNames.Order(StringComparer.Ordinal)], OpenFilesIn(logs));

        sink.Publish(events[finished]);

        Assert.Empty(OpenFilesIn(logs));
        Assert.Contains("Initial queue size: 6", File.ReadAllText(dir.Combine("logs", "00_last_results.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_InTheMiddleOfARun_ClosesTheLogs_AndALaterLineAppendsWithoutEmptyingThem()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads /proc/self/fd");
        }

        using var dir = new TempDirectory();
        var logs = dir.Combine("logs");
        var sink = new DsynthLogSink(logs);
        sink.Publish(new RunStartedEvent(T0, 1, "LiveSystem", 1, 1, 1));
        sink.Publish(new PortQueuedEvent(At(0), "misc/one", "1.0", "new port"));

        sink.Dispose();

        Assert.Empty(OpenFilesIn(logs));
        sink.Publish(new PortSkippedEvent(At(1), "misc/one", "misc/dep", "misc/dep failed"));
        sink.Dispose();
        Assert.Equal(["[XXX] misc/one skipped due to misc/dep"], Lines(dir, "04_skipped_list.log"));
        Assert.Equal(2, Lines(dir, "07_debug.log").Length);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\u2028")]
    [InlineData("\u0085")]
    public void Publish_PortNameWithALineBreak_CannotForgeALine(string lineBreak)
    {
        using var dir = new TempDirectory();
        using var sink = new DsynthLogSink(dir.Combine("logs"));
        var forged = "misc/evil" + lineBreak + "[000] SUCCESS misc/forged";
        var culprit = "misc/dep" + lineBreak + "[001] FAILURE misc/forged2";

        sink.PublishAll(
        [
            new RunStartedEvent(T0, 1, "LiveSystem" + lineBreak + "[XXX] forged", 1, 2, 2),
            new PortQueuedEvent(At(0), forged, "1.0" + lineBreak + "x", "new port"),
            new PortQueuedEvent(At(0), "misc/other", "1.0", "new port"),
            new PortStartedEvent(At(1), forged, 0),
            new PortFinishedEvent(At(2), forged, 0, PortBuildOutcome.Success with { Duration = TimeSpan.FromSeconds(1) }),
            new PortSkippedEvent(At(2), "misc/other" + lineBreak + "[XXX] misc/x skipped", culprit, "failed"),
            new PortNotBuiltEvent(At(2), "misc/ign" + lineBreak + "[XXX] y", PlanAction.Ignored, "reason"),
            new RunFinishedEvent(At(3), 1, false, 1, 0, 0, TimeSpan.FromSeconds(3)),
        ]);

        var success = Assert.Single(Lines(dir, "01_success_list.log"));
        Assert.StartsWith("[000] SUCCESS misc/evil", success, StringComparison.Ordinal);
        Assert.Single(Lines(dir, "04_skipped_list.log"));
        Assert.Single(Lines(dir, "03_ignored_list.log"));
        Assert.Empty(Lines(dir, "02_failure_list.log"));
        var all = Lines(dir, "00_last_results.log");
        Assert.DoesNotContain(all, l => l.StartsWith("[000] SUCCESS misc/forged", StringComparison.Ordinal)
            || l.StartsWith("[001] FAILURE", StringComparison.Ordinal) || l.StartsWith("[XXX] forged", StringComparison.Ordinal));
        Assert.All(Lines(dir, "07_debug.log"), l => Assert.StartsWith("[XXX] ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_EscapeAndNulBytes_NeverReachTheLogs()
    {
        using var dir = new TempDirectory();
        using var sink = new DsynthLogSink(dir.Combine("logs"));
        var port = "misc/\u001b[2J\u001b]0;pwned\u0007x\0y\u007f\u009b1m";

        sink.PublishAll(
        [
            new RunStartedEvent(T0, 1, "LiveSystem", 1, 1, 1),
            new PortQueuedEvent(At(0), port, "1.0", "new \u001b[31mport"),
            new PortStartedEvent(At(1), port, 0),
            new PortFinishedEvent(At(2), port, 0, new PortBuildOutcome(false, "build\u001b[0m", "boom\u001b[1A")),
            new RunFinishedEvent(At(3), 1, false, 0, 1, 0, TimeSpan.FromSeconds(3)),
        ]);

        foreach (var name in DsynthLogSink.LogFileNames)
        {
            var text = File.ReadAllText(dir.Combine("logs", name));
            Assert.DoesNotContain(text.Replace("\n", "", StringComparison.Ordinal), c => char.IsControl(c));
        }

        Assert.Contains("misc/?[2J?]0;pwned?x?y??1m", Assert.Single(Lines(dir, "02_failure_list.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_BidirectionalControls_CannotReorderWhatALineShows()
    {
        using var dir = new TempDirectory();
        using var sink = new DsynthLogSink(dir.Combine("logs"));
        var port = "misc/\u202Eedoc\u202C\u2066x\u2069\u200By";

        sink.PublishAll(
        [
            new RunStartedEvent(T0, 1, "LiveSystem", 1, 1, 1),
            new PortQueuedEvent(At(0), port, "1.0", "new"),
            new PortStartedEvent(At(1), port, 0),
            new PortFinishedEvent(At(2), port, 0, new PortBuildOutcome(false, "build", "boom")),
            new RunFinishedEvent(At(3), 1, false, 0, 1, 0, TimeSpan.FromSeconds(3)),
        ]);

        foreach (var name in DsynthLogSink.LogFileNames)
        {
            var text = File.ReadAllText(dir.Combine("logs", name));
            Assert.DoesNotContain(text, c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        }
    }
}
