using GoSynth.Builder.Reporting;

namespace GoSynth.Cli.Live;

/// <summary>
/// Turns a monitor snapshot into the frame the live view draws: the building process's own (its view's
/// <see cref="RunMonitor"/>) or another process's monitor file (<c>gosynth monitor</c>), so both draw the same picture.
/// </summary>
internal static class MonitorFrames
{
    public static LiveFrame From(MonitorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new LiveFrame
        {
            RunId = snapshot.RunId,
            Profile = snapshot.Profile,
            Started = true,
            Running = snapshot.Running,
            Aborted = snapshot.Aborted,
            Elapsed = snapshot.Elapsed,
            Load = snapshot.Load,
            SwapPercent = snapshot.SwapUsedPercent,
            Rate = snapshot.Rate,
            Impulse = snapshot.Impulse,
            Builders = snapshot.Builders,
            WorkerLimit = snapshot.WorkerLimit,
            Total = snapshot.Totals.Queued,
            Built = snapshot.Totals.Built,
            Failed = snapshot.Totals.Failed,
            Skipped = snapshot.Totals.Skipped,
            Ignored = snapshot.Totals.Ignored,
            Remaining = snapshot.Totals.Remaining,
            Slots = [.. snapshot.Slots.Select(s => new LiveSlot(s.Slot, s.Port, s.Phase, s.InPort))],
            Finished = [.. snapshot.Recent.Select(r => new LiveFinished(r.Result, r.Port, r.Duration, r.Detail))],
        };
    }
}
