using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using GoSynth.Builder.Events;
using GoSynth.Builder.Metrics;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Running;
using GoSynth.Builder.Tests.Execution;
using GoSynth.Builder.Tests.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.EndToEnd;

/// <summary>
/// One real build of the sample tree (a port fails, its dependent is skipped, some are ignored, one is a meta port), and
/// the totals every report gives of it: the run's result, summary.json, monitor.json's last snapshot, dsynth's
/// 00_last_results.log, hook_run_end's environment and the GoSynth.Builder meter. Root only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunTotalsAgreementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_SampleTree_EveryReportGivesTheSameTotals()
    {
        ExecutorTestBed.RequireRoot();
        using var fixture = new RunFixture();
        var hookOutput = fixture.Combine("hook_run_end.env");
        var hook = fixture.Combine("hook_run_end");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\nenv > '{hookOutput}'\n", Ct);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(fixture.Options.DistfilesDirectory);
        Directory.CreateDirectory(fixture.Options.OptionsDirectory);
        await using var provider = new ServiceCollection().AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = fixture.Ports;
            o.PackagesDirectory = fixture.Options.PackagesDirectory;
            o.BuildBase = fixture.Options.BuildBase;
            o.LogsDirectory = fixture.Options.LogsDirectory;
            o.DistfilesDirectory = fixture.Options.DistfilesDirectory;
            o.OptionsDirectory = fixture.Options.OptionsDirectory;
            o.NumberOfBuilders = 2;
            o.MaxJobsPerBuilder = 1;
            o.DisableThrottle = true;
            o.HookRunEnd = hook;
        }).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var meter = provider.GetServices<IBuildEventSink>().OfType<BuilderMetrics>().Single().Meter;
        var counted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "gosynth.builder.ports")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    counted.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();

        var result = await provider.GetRequiredService<BuildRunner>().RunAsync(new BuildRunOptions(), Ct);

        Assert.False(result.Aborted);
        int Ports(BuildRunPortStatus status) => result.Ports.Count(p => p.Status == status);
        var built = Ports(BuildRunPortStatus.Built);
        var failed = Ports(BuildRunPortStatus.Failed);
        var skipped = Ports(BuildRunPortStatus.Skipped);
        var ignored = Ports(BuildRunPortStatus.Ignored);
        var meta = Ports(BuildRunPortStatus.Meta);
        Assert.True(built > 0 && failed > 0 && skipped > 0 && ignored > 0 && meta > 0, $"{built} {failed} {skipped} {ignored} {meta}");

        var logs = fixture.Options.LogsDirectory;
        using var summaryJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(logs, ReportSink.SummaryFileName), Ct));
        var summary = summaryJson.RootElement.GetProperty("totals");
        int Summary(string name) => summary.GetProperty(name).GetInt32();
        var monitor = (await MonitorSnapshot.ReadAsync(Path.Combine(logs, MonitorSink.DefaultFileName), Ct))!.Totals;
        var dsynth = File.ReadLines(Path.Combine(logs, "00_last_results.log"))
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && int.TryParse(p[1].Trim(), out _))
            .ToDictionary(p => p[0].Trim(), p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var hookEnvironment = File.ReadLines(hookOutput).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        int Hook(string name) => int.Parse(hookEnvironment[name], System.Globalization.CultureInfo.InvariantCulture);
        long Counted(string name) => counted.GetValueOrDefault(name);

        // Built, failed, ignored and meta: one number everywhere.
        Assert.Equal([built, built, built, built, built], new long[] { Summary("built"), monitor.Built, dsynth["packages built"], Hook("PORTS_BUILT"), Counted("built") });
        Assert.Equal([failed, failed, failed, failed, failed], new long[] { Summary("failed"), monitor.Failed, dsynth["failed"], Hook("PORTS_FAILED"), Counted("failed") });
        Assert.Equal([ignored, ignored, ignored, ignored, ignored], new long[] { Summary("ignored"), monitor.Ignored, dsynth["ignored"], Hook("PORTS_IGNORED"), Counted("ignored") });
        Assert.Equal([meta, meta, meta, meta], new long[] { Summary("meta"), monitor.Meta, dsynth["meta-nodes"], Counted("meta") });

        // Skipped: dsynth, its hooks and the monitor count the unbuildable with the skipped; summary.json and the meter apart.
        var skippedAll = Summary("skipped") + Summary("unbuildable");
        Assert.Equal(skipped, skippedAll);
        Assert.Equal([skippedAll, skippedAll, skippedAll, skippedAll], new long[] { monitor.Skipped, dsynth["skipped"], Hook("PORTS_SKIPPED"), Counted("skipped") + Counted("unbuildable") });
        Assert.Equal(Summary("unbuildable"), Counted("unbuildable"));
        Assert.Equal(Summary("upToDate"), Counted("up_to_date"));

        // Nothing left over, and the queue: what was queued is what the monitor and the summary call queued.
        Assert.Equal([0, 0, 0], new[] { Summary("notBuilt"), monitor.Remaining, dsynth["missing"] });
        Assert.Equal(Summary("queued"), monitor.Queued);
        Assert.Equal(result.Ports.Count(p => p.Status != BuildRunPortStatus.UpToDate), dsynth["Initial queue size"]);
    }
}
