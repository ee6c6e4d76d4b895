using System.Text;
using System.Text.Json;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// Writes the end-of-run reports into the logs directory when the run is flushed after
/// <see cref="RunFinishedEvent"/>: <c>summary.json</c> (the run, totals, and per port its status, version, slot,
/// start, duration, phase times, reason, failure message and log excerpt, package and log file) and <c>report.html</c>, one static page with no
/// external resources (a sortable table of ports, a timeline of the slots, the counts). Every text that comes
/// from a port or a log is HTML-escaped.
/// </summary>
public sealed class ReportSink : IBuildEventSink
{
    /// <summary>The summary's file name.</summary>
    public const string SummaryFileName = "summary.json";

    /// <summary>The HTML report's file name.</summary>
    public const string ReportFileName = "report.html";

    private readonly Lock _lock = new();
    private readonly RunTracker _run = new();
    private readonly ILogger _logger;
    private bool _pending;

    /// <summary>Creates a sink writing into <paramref name="logsDirectory"/>.</summary>
    /// <param name="logsDirectory">dsynth's <c>Directory_logs</c>.</param>
    /// <param name="logger">Where write failures are reported.</param>
    public ReportSink(string logsDirectory, ILogger<ReportSink>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logsDirectory);
        LogsDirectory = logsDirectory;
        _logger = logger ?? NullLogger<ReportSink>.Instance;
    }

    /// <summary>The logs directory.</summary>
    public string LogsDirectory { get; }

    /// <summary>Where summary.json is written.</summary>
    public string SummaryPath => Path.Combine(LogsDirectory, SummaryFileName);

    /// <summary>Where report.html is written.</summary>
    public string ReportPath => Path.Combine(LogsDirectory, ReportFileName);

    /// <inheritdoc />
    public void Publish(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        lock (_lock)
        {
            _run.Apply(buildEvent);
            _pending = buildEvent is RunFinishedEvent || (_pending && buildEvent is not RunStartedEvent);
        }
    }

    /// <summary>After a finished run, writes summary.json and report.html (each replaced whole, by a rename).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        RunSummary summary;
        lock (_lock)
        {
            if (!_pending)
            {
                return;
            }

            _pending = false;
            summary = Summarize(_run);
        }

        await ReplaceAsync(SummaryPath, JsonSerializer.SerializeToUtf8Bytes(summary, ReportingJsonContext.Default.RunSummary), cancellationToken).ConfigureAwait(false);
        await ReplaceAsync(ReportPath, Encoding.UTF8.GetBytes(HtmlReport.Render(summary)), cancellationToken).ConfigureAwait(false);
    }

    private async Task ReplaceAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{System.Environment.ProcessId}.new";
        try
        {
            Directory.CreateDirectory(LogsDirectory);
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportingLog.ReportWriteFailed(_logger, path, e);
        }
    }

    internal static RunSummary Summarize(RunTracker tracker)
    {
        var ports = tracker.Ports
            .OrderBy(p => p.Started ?? DateTimeOffset.MaxValue)
            .ThenBy(p => p.Port, StringComparer.Ordinal)
            .Select(p => new RunSummaryPort(
                p.Port,
                StatusName(p.Status),
                p.Version,
                p.Slot,
                p.Started,
                p.Duration?.TotalSeconds,
                [.. p.Phases.Select(t => new RunSummaryPhase(t.Phase, t.Duration.TotalSeconds))],
                p.Status == PortStatus.Failed ? p.Phase : null,
                p.Reason,
                p.Message,
                p.LogExcerpt,
                p.PackageFile,
                p.LogFile is null ? null : Path.GetFileName(p.LogFile),
                p.SkippedDependents,
                p.InstalledPackages,
                p.ReusedPackages))
            .ToList();
        var run = tracker.Totals;
        var totals = new RunSummaryTotals(
            Queued: run.Queued,
            Built: run.Built,
            Failed: run.Failed,
            Skipped: run.Skipped,
            Ignored: run.Ignored,
            Meta: run.Meta,
            UpToDate: run.UpToDate,
            Unbuildable: run.Unbuildable,
            NotBuilt: run.NotBuilt);
        var elapsed = tracker.Elapsed ?? (tracker.Finished - tracker.Started) ?? TimeSpan.Zero;
        var reuse = Running.DependencyReuse.Sum(tracker.Ports.Select(p => (p.InstalledPackages, p.ReusedPackages, p.InstallTime)));
        return new RunSummary(
            1,
            new RunSummaryRun(tracker.RunId, tracker.Profile, tracker.Started, tracker.Finished, elapsed.TotalSeconds, tracker.Aborted, tracker.Builders),
            totals,
            new RunSummaryReuse(reuse.Installed, reuse.Reused, reuse.InstallTime.TotalSeconds, reuse.EstimatedTimeSaved.TotalSeconds),
            ports);
    }

    internal static string StatusName(PortStatus status) => status switch
    {
        PortStatus.Built => "built",
        PortStatus.Failed => "failed",
        PortStatus.Skipped => "skipped",
        PortStatus.Ignored => "ignored",
        PortStatus.Meta => "meta",
        PortStatus.UpToDate => "up-to-date",
        PortStatus.Unbuildable => "unbuildable",
        PortStatus.Building => "interrupted",
        _ => "not-built",
    };
}
