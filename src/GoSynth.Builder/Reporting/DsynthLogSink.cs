using System.Globalization;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// Writes dsynth's result logs into the logs directory, with dsynth's names and line formats:
/// <c>00_last_results.log</c> (everything), <c>01_success_list.log</c>, <c>02_failure_list.log</c>,
/// <c>03_ignored_list.log</c>, <c>04_skipped_list.log</c>, <c>05_abnormal_command_output.log</c>,
/// <c>06_obsolete_packages.log</c> and <c>07_debug.log</c>. The logs are emptied when a run starts
/// (<see cref="RunStartedEvent"/>), never when the sink is made, so a directive that only reads leaves them alone.
/// Each line is appended as its event arrives; every line of logs 01–07 also goes to log 00, as in dsynth. The logs
/// stay open from a run's start to its end (or <see cref="Dispose"/>) and every line reaches the file when its event
/// does. A control character in anything a port brings (its name, version, reason or message) is replaced, so no line
/// can be split or forged.
/// </summary>
/// <remarks>
/// Deliberate differences: dsynth's ignore and skip reasons end in a space, these do not; dsynth never writes
/// <c>06_obsolete_packages.log</c>, GoSynth lists the obsolete packages of the run there; <c>07_debug.log</c> holds
/// GoSynth's own lines (why each port was queued, throttle changes, failure messages, hook failures).
/// </remarks>
public sealed class DsynthLogSink : IBuildEventSink, IDisposable
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly RunTracker _run = new();
    private DsynthLogFiles? _files;
    private bool _truncatePending;

    /// <summary>Creates a sink writing into <paramref name="logsDirectory"/> (created when a run starts).</summary>
    /// <param name="logsDirectory">dsynth's <c>Directory_logs</c>.</param>
    /// <param name="logger">Where write failures are reported.</param>
    public DsynthLogSink(string logsDirectory, ILogger<DsynthLogSink>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logsDirectory);
        LogsDirectory = logsDirectory;
        _logger = logger ?? NullLogger<DsynthLogSink>.Instance;
    }

    /// <summary>The logs directory.</summary>
    public string LogsDirectory { get; }

    /// <summary>The file names of the eight logs, 00 to 07.</summary>
    public static IReadOnlyList<string> LogFileNames => DsynthLogFiles.All;

    /// <inheritdoc />
    public void Publish(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        try
        {
            lock (_lock)
            {
                Handle(buildEvent);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportingLog.LogWriteFailed(_logger, LogsDirectory, e);
        }
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Closes the logs (a run that goes on reopens them for its next line).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            Close();
        }
    }

    private void Handle(BuildEvent buildEvent)
    {
        // Counted first, so a log directory that cannot be opened never leaves the previous run's ports in the count.
        _run.Apply(buildEvent);
        if (buildEvent is RunStartedEvent)
        {
            // A new run: its first write empties the logs (also when opening them fails now and works later).
            Close();
            _truncatePending = true;
        }

        switch (buildEvent)
        {
            case RunStartedEvent e:
                Write(DsynthLogFiles.Debug, Invariant($"[XXX] Run {e.RunId} started: profile {e.Profile}, {e.Builders} builders, {e.ToBuild} to build of {e.Total}"));
                break;
            case PortQueuedEvent e:
                Write(DsynthLogFiles.Debug, $"[XXX] {e.Port} QUEUED {e.Version}: {OneLine(e.Reason)}");
                break;
            case PortNotBuiltEvent e:
                NotBuilt(e);
                break;
            case PortStartedEvent e:
                Write(DsynthLogFiles.LastResults, Invariant(
                    $"[{e.Slot:000}] START   {e.Port} ##idep={e.Dependencies:00} depi={e.Dependents:00}/{e.DependentDepth:00} dep={Gigabytes(e.DependencyBytes),-4:0.00}G"));
                break;
            case PortFinishedEvent e:
                Finished(e);
                break;
            case PortSkippedEvent e:
                Write(DsynthLogFiles.SkippedList, $"[XXX] {e.Port}{Count(e.SkippedDependents)} skipped due to {e.Culprit}");
                break;
            case ThrottleChangedEvent e:
                Throttled(e);
                break;
            case ObsoletePackagesEvent e:
                // GoSynth lists obsolete packages and never deletes them during a build.
                foreach (var file in e.Files)
                {
                    Write(DsynthLogFiles.ObsoletePackages, $"Obsolete package {Path.Combine(e.Directory, file)} (not deleted)");
                }

                break;
            case RunFinishedEvent e:
                Summary(e);
                break;
        }
    }

    private void NotBuilt(PortNotBuiltEvent e)
    {
        switch (e.Action)
        {
            case PlanAction.Ignored:
                Write(DsynthLogFiles.IgnoredList, $"[XXX] {e.Port}{Count(e.SkippedDependents)} ignored due to {OneLine(e.Reason)}");
                break;
            case PlanAction.Skipped or PlanAction.Unbuildable:
                Write(DsynthLogFiles.SkippedList, $"[XXX] {e.Port}{Count(e.SkippedDependents)} skipped due to {OneLine(e.Reason)}");
                break;
            case PlanAction.Meta:
                Write(DsynthLogFiles.SuccessList, $"[XXX] {e.Port} meta-node complete");
                break;
            case PlanAction.UpToDate:
                Write(DsynthLogFiles.LastResults, $"[XXX] {e.Port} Already-Built");
                break;
        }
    }

    private void Finished(PortFinishedEvent e)
    {
        var outcome = e.Outcome;
        if (outcome.Succeeded)
        {
            Write(DsynthLogFiles.SuccessList, $"[{Slot(e.Slot)}] SUCCESS {e.Port} ##{DsynthLogFiles.Clock(outcome.Duration)}");
            return;
        }

        // The tracker keeps the outcome's phase, else the last phase the port was seen in.
        var phase = _run.Find(e.Port)?.Phase ?? "unknown";
        var shown = phase.Length > 16 ? phase[..16] : phase.PadLeft(16);
        Write(DsynthLogFiles.FailureList, $"[{Slot(e.Slot)}] FAILURE {e.Port}{Count(e.SkippedDependents)} ##{shown} {DsynthLogFiles.Clock(outcome.Duration)}");
        if (!string.IsNullOrWhiteSpace(outcome.Message))
        {
            Write(DsynthLogFiles.Debug, $"[{Slot(e.Slot)}] {e.Port} failed in {phase}: {OneLine(outcome.Message)}");
        }
    }

    /// <summary>
    /// dsynth's throttle line, to log 00 only, with the readings the limit was decided on; a limit that reads no
    /// metrics gets a line of its own in the debug log.
    /// </summary>
    private void Throttled(ThrottleChangedEvent e)
    {
        if (e.Load is not { } load)
        {
            Write(DsynthLogFiles.Debug, Invariant($"[XXX] Adjust Workers {e.Previous}->{e.Limit}"));
            return;
        }

        var swap = e.SwapPercent ?? 0;
        var memory = Gigabytes(e.MemoryUsedBytes ?? 0);
        Write(DsynthLogFiles.LastResults, Invariant(
            $"[XXX] Load={load,-6:0.00}({e.LoadLimit ?? e.Limit,2}) Swap={swap,-3:0.00}%({e.SwapLimit ?? e.Limit,2}) Mem={memory,3:0.00}G({e.MemoryLimit ?? e.Limit,2}) Adjust Workers {e.Previous}->{e.Limit}"));
    }

    private void Summary(RunFinishedEvent e)
    {
        var missing = _run.Unfinished().ToList();
        if (!e.Aborted)
        {
            foreach (var port in missing)
            {
                Write(DsynthLogFiles.AbnormalOutput, $"[XXX] {port} lost in the ether");
            }
        }

        var totals = _run.Totals;
        var text = string.Create(CultureInfo.InvariantCulture, $"""

            Initial queue size: {totals.InitialQueue}
                packages built: {totals.Built}
                       ignored: {totals.Ignored}
                       skipped: {totals.SkippedOrUnbuildable}
                        failed: {totals.Failed}
                       missing: {missing.Count}
                    meta-nodes: {totals.Meta}

            Duration: {DsynthLogFiles.Clock(e.Elapsed)}


            """);
        Files.Append(DsynthLogFiles.LastResults, text.ReplaceLineEndings("\n"));
        Close();
    }

    /// <summary>The open logs, opened at the first write: emptied when a run started since, else appended to.</summary>
    private DsynthLogFiles Files
    {
        get
        {
            if (_files is null)
            {
                _files = DsynthLogFiles.Open(LogsDirectory, truncate: _truncatePending);
                _truncatePending = false;
            }

            return _files;
        }
    }

    private void Close()
    {
        _files?.Dispose();
        _files = null;
    }

    private void Write(string log, string line) => Files.Append(log, DsynthLogFiles.Line(line));

    private static string Slot(int slot) => slot.ToString("000", CultureInfo.InvariantCulture);

    private static string Count(int skipped) => skipped > 0 ? " " + skipped.ToString(CultureInfo.InvariantCulture) : "";

    private static double Gigabytes(long bytes) => bytes / (1024.0 * 1024.0 * 1024.0);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A reason or message without surrounding blanks (<see cref="DsynthLogFiles"/> cleans every line it writes).</summary>
    internal static string OneLine(string text) => text.Trim();
}
