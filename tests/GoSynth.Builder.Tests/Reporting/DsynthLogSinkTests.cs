using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Reporting;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Reporting;

public sealed class DsynthLogSinkTests
{
    private static readonly string[] Names =
    [
        "00_last_results.log", "01_success_list.log", "02_failure_list.log", "03_ignored_list.log",
        "04_skipped_list.log", "05_abnormal_command_output.log", "06_obsolete_packages.log", "07_debug.log",
    ];

    private static string[] Lines(TempDirectory dir, string name) =>
        File.ReadAllText(dir.Combine(name)).Split('\n')[..^1];

    [Fact]
    public void LogFileNames_AreDsynths()
    {
        Assert.Equal(Names, DsynthLogSink.LogFileNames);
    }

    [Fact]
    public async Task Publish_Run_WritesDsynthsLinesInEachList()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);

        sink.PublishAll(ReportingEvents.Run());
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["[000] SUCCESS devel/gmake                                              00:01:05", "[XXX] misc/meta meta-node complete"],
            Lines(dir, "01_success_list.log").Order(StringComparer.Ordinal));
        Assert.Equal(["[001] FAILURE lang/python@py311 2                                build 01:02:03"], Lines(dir, "02_failure_list.log"));
        Assert.Equal(["[XXX] x11/broken ignored due to is marked as broken: needs X11"], Lines(dir, "03_ignored_list.log"));
        Assert.Equal(["[XXX] www/app 1 skipped due to lang/python@py311", "[XXX] www/app-plugin skipped due to lang/python@py311"],
            Lines(dir, "04_skipped_list.log"));
        Assert.Empty(Lines(dir, "05_abnormal_command_output.log"));
        Assert.Empty(Lines(dir, "06_obsolete_packages.log"));
    }

    [Fact]
    public async Task Publish_Run_LastResultsHoldsEveryLineOnceInOrderAndTheFinalBlock()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);

        sink.PublishAll(ReportingEvents.Run());
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        var all = Lines(dir, "00_last_results.log");
        string[] expectedInOrder =
        [
            "[XXX] devel/uptodate Already-Built",
            "[XXX] x11/broken ignored due to is marked as broken: needs X11",
            "[XXX] misc/meta meta-node complete",
            "[000] START   devel/gmake                          idep=00 depi=12/04 dep=0.00G",
            "[001] START   lang/python@py311                    idep=03 depi=02/01 dep=1.50G",
            "[000] SUCCESS devel/gmake                                              00:01:05",
            "[001] FAILURE lang/python@py311 2                                build 01:02:03",
            "[XXX] www/app 1 skipped due to lang/python@py311",
            "[XXX] www/app-plugin skipped due to lang/python@py311",
        ];
        var positions = expectedInOrder.Select(line => Array.IndexOf(all, line)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order().ToList(), positions);
        foreach (var line in expectedInOrder)
        {
            Assert.Single(all, line);
        }

        // Each list line is in 00 exactly once, not twice (the list and its copy).
        foreach (var name in Names.Skip(1))
        {
            foreach (var line in Lines(dir, name))
            {
                Assert.Single(all, line);
            }
        }

        string[] final =
        [
            "",
            "Initial queue size: 6",
            "    packages built: 1",
            "           ignored: 1",
            "           skipped: 2",
            "            failed: 1",
            "           missing: 0",
            "        meta-nodes: 1",
            "",
            "Duration: 01:02:06",
            "",
        ];
        Assert.Equal(final, all[^final.Length..]);
        Assert.All(all.Where(l => l.Contains(" START ", StringComparison.Ordinal) || l.Contains(" SUCCESS ", StringComparison.Ordinal) || l.Contains(" FAILURE ", StringComparison.Ordinal)), line => Assert.Equal(79, line.Length));
    }

    [Fact]
    public async Task Publish_LongOriginAndPhase_DropsTheAlignmentAndCutsThePhaseToSixteen()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 2, 1, 1));

        sink.Publish(new PortFinishedEvent(ReportingEvents.At(1), "a/very-long-port-name-that-goes-on-and-on-and-on-forever-more", 1,
            new PortBuildOutcome(false, "install-pkgs-too-long") { Duration = TimeSpan.FromSeconds(1) }));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["[001] FAILURE a/very-long-port-name-that-goes-on-and-on-and-on-forever-more install-pkgs-too 00:00:01"], Lines(dir, "02_failure_list.log"));
    }

    [Fact]
    public async Task Publish_FailureWithoutPhase_TakesTheLastPhaseSeen()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 1, 1, 1));
        sink.Publish(new PortPhaseEvent(ReportingEvents.At(1), "devel/a", 0, "configure"));

        sink.Publish(new PortFinishedEvent(ReportingEvents.At(100_000), "devel/a", 0, new PortBuildOutcome(false) { Duration = TimeSpan.FromHours(27.5) }));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["[000] FAILURE devel/a                                        configure 27:30:00"], Lines(dir, "02_failure_list.log"));
    }

    [Fact]
    public void Construct_ExistingLogs_LeavesThemAlone_RunStartedTruncatesAllEight()
    {
        using var dir = new TempDirectory();
        foreach (var name in Names)
        {
            dir.WriteFile(name, "from the previous run\n");
        }

        var sink = new DsynthLogSink(dir.Path);
        foreach (var name in Names)
        {
            Assert.Equal("from the previous run\n", File.ReadAllText(dir.Combine(name)));
        }

        sink.Publish(new ThrottleChangedEvent(ReportingEvents.T0, 2, 1));
        Assert.StartsWith("from the previous run\n", File.ReadAllText(dir.Combine("07_debug.log")), StringComparison.Ordinal);

        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 2, "LiveSystem", 1, 0, 0));
        foreach (var name in Names.Skip(1).Take(6))
        {
            Assert.Equal("", File.ReadAllText(dir.Combine(name)));
        }

        Assert.DoesNotContain("previous", File.ReadAllText(dir.Combine("00_last_results.log")), StringComparison.Ordinal);
        Assert.DoesNotContain("previous", File.ReadAllText(dir.Combine("07_debug.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ObsoletePackages_ListsThemInLog06()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 1, 0, 0));

        sink.Publish(new ObsoletePackagesEvent(ReportingEvents.At(1), "/p/All", ["old-1.0.pkg", "gone-2.pkg"]));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            ["Obsolete package /p/All/old-1.0.pkg (not deleted)", "Obsolete package /p/All/gone-2.pkg (not deleted)"],
            Lines(dir, "06_obsolete_packages.log"));
    }

    [Fact]
    public async Task Publish_QueuedPortWithoutResult_IsLostInTheEther_UnlessTheRunWasInterrupted()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 1, 1, 1));
        sink.Publish(new PortQueuedEvent(ReportingEvents.At(0), "devel/lost", "1", "new port"));
        sink.Publish(new RunFinishedEvent(ReportingEvents.At(5), 1, false, 0, 0, 0, TimeSpan.FromSeconds(5)));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["[XXX] devel/lost lost in the ether"], Lines(dir, "05_abnormal_command_output.log"));
        Assert.Contains("           missing: 1", Lines(dir, "00_last_results.log"));

        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 2, "LiveSystem", 1, 1, 1));
        sink.Publish(new PortQueuedEvent(ReportingEvents.At(0), "devel/lost", "1", "new port"));
        sink.Publish(new RunFinishedEvent(ReportingEvents.At(5), 2, true, 0, 0, 0, TimeSpan.FromSeconds(5)));

        Assert.Empty(Lines(dir, "05_abnormal_command_output.log"));
    }

    [Fact]
    public async Task Publish_ReasonWithNewlines_StaysOneLine()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.Path);
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 1, 0, 1));

        sink.Publish(new PortNotBuiltEvent(ReportingEvents.At(0), "x/y", PlanAction.Ignored, "line one\nline two\r\n"));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["[XXX] x/y ignored due to line one line two"], Lines(dir, "03_ignored_list.log"));
    }

    [Fact]
    public void Publish_LogsDirectoryIsAFile_DoesNotThrow()
    {
        using var dir = new TempDirectory();
        var sink = new DsynthLogSink(dir.WriteFile("not-a-directory", "x"));

        sink.PublishAll(ReportingEvents.Run());

        Assert.Equal("x", File.ReadAllText(dir.Combine("not-a-directory")));
    }
}
