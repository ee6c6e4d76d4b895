using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting.Internal;
using GoSynth.Environment.Metrics;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// A run as a monitor shows it: folds the builder's events and, on request, takes a <see cref="MonitorSnapshot"/> of
/// the run at a given moment. <see cref="MonitorSink"/> writes these snapshots to the monitor file and a terminal view
/// draws them, so both show one picture of the run counted by the same tracker as every other report. Thread-safe:
/// <see cref="Apply"/> and <see cref="Snapshot"/> may be called from any thread at once.
/// </summary>
public sealed class RunMonitor
{
    private readonly Lock _lock = new();
    private readonly RunTracker _run = new();
    private double? _throttleLoad;
    private double? _throttleSwap;

    /// <summary>True once a run has started (a <see cref="RunStartedEvent"/> was applied).</summary>
    public bool HasStarted
    {
        get
        {
            lock (_lock)
            {
                return _run.Started is not null;
            }
        }
    }

    /// <summary>Takes one event; a <see cref="RunStartedEvent"/> forgets the previous run.</summary>
    /// <param name="buildEvent">The event.</param>
    public void Apply(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        lock (_lock)
        {
            _run.Apply(buildEvent);
            switch (buildEvent)
            {
                case RunStartedEvent:
                    (_throttleLoad, _throttleSwap) = (null, null);
                    break;
                case ThrottleChangedEvent e:
                    _throttleLoad = e.Load ?? _throttleLoad;
                    _throttleSwap = e.SwapPercent ?? _throttleSwap;
                    break;
            }
        }
    }

    /// <summary>The run as it stands at <paramref name="now"/>.</summary>
    /// <param name="now">The moment of the snapshot: slot times and, while the run goes on, its elapsed time and rates count up to it.</param>
    /// <param name="reading">
    /// The host's load, swap and memory; when null, the load and swap the throttle last reported (if it did) and no
    /// memory figure.
    /// </param>
    /// <returns>The snapshot; before any run started, an empty one with <see cref="MonitorSnapshot.Running"/> false.</returns>
    public MonitorSnapshot Snapshot(DateTimeOffset now, SystemMetricsSnapshot? reading = null)
    {
        lock (_lock)
        {
            var started = _run.Started ?? now;
            var end = _run.Finished ?? now;
            var slots = _run.Slots
                .OrderBy(s => s.Key)
                .Select(s => new MonitorSlot(s.Key, s.Value.Port, s.Value.Phase, Positive(now - s.Value.PhaseStarted), Positive(now - s.Value.PortStarted)))
                .ToList();
            var run = _run.Totals;
            var totals = new MonitorTotals(
                Queued: run.Queued,
                Built: run.Built,
                Failed: run.Failed,
                Skipped: run.SkippedOrUnbuildable,
                Ignored: run.Ignored,
                Remaining: run.NotBuilt,
                Meta: run.Meta);
            return new MonitorSnapshot(
                MonitorSnapshot.CurrentFormatVersion,
                _run.RunId,
                _run.Profile,
                Running: _run.Started is not null && _run.Finished is null,
                Aborted: _run.Aborted,
                started,
                now,
                _run.Elapsed ?? Positive(end - started),
                _run.Builders,
                _run.WorkerLimit,
                slots,
                totals,
                reading?.LoadAverage1 ?? _throttleLoad,
                reading?.SwapUsedPercent ?? _throttleSwap,
                reading?.MemoryAvailableBytes,
                _run.Rate(end),
                _run.Impulse(end))
            {
                Recent = [.. _run.Recent],
            };
        }
    }

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
