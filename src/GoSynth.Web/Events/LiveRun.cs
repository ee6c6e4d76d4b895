using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Simulation;

namespace GoSynth.Web.Events;

/// <summary>One run's state, kept up to date from its events (not thread-safe: the hub holds its lock).</summary>
internal sealed class LiveRun(long runId)
{
    private const int KeptDone = 2000;
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SlotView> _slots = [];
    private readonly LinkedList<FinishedPort> _done = new();
    private readonly Dictionary<string, DateTimeOffset> _starts = new(StringComparer.Ordinal);
    private readonly int[] _counts = new int[8];
    private double _builtSeconds;
    private int _timed;

    private enum Count
    {
        Built,
        Failed,
        Skipped,
        Ignored,
        UpToDate,
        Meta,
        Unbuildable,
        Building,
    }

    public long RunId { get; private set; } = runId;

    public string Profile { get; private set; } = "";

    public DateTimeOffset? Started { get; private set; }

    public DateTimeOffset? Finished { get; private set; }

    public bool Aborted { get; private set; }

    public int Builders { get; private set; }

    public int ToBuild { get; private set; }

    public int Total { get; private set; }

    public int? WorkerLimit { get; private set; }

    public double? Load { get; private set; }

    public double? SwapPercent { get; private set; }

    public TimeSpan? Elapsed { get; private set; }

    public RepositoryView? Repository { get; private set; }

    public IReadOnlyList<string>? ObsoletePackages { get; private set; }

    public bool Running => Started is not null && Finished is null;

    public void Apply(BuildEvent buildEvent)
    {
        switch (buildEvent)
        {
            case RunStartedEvent e:
                (RunId, Profile, Started, Builders, ToBuild, Total) = (e.RunId, e.Profile, e.Time, e.Builders, e.ToBuild, e.Total);
                break;
            case PortQueuedEvent e:
                _waiting.Add(e.Port);
                break;
            case PortNotBuiltEvent e:
                _waiting.Remove(e.Port);
                var (result, count) = e.Action switch
                {
                    PlanAction.Ignored => ("ignored", Count.Ignored),
                    PlanAction.UpToDate => ("up-to-date", Count.UpToDate),
                    PlanAction.Meta => ("meta", Count.Meta),
                    PlanAction.Unbuildable => ("unbuildable", Count.Unbuildable),
                    _ => ("skipped", Count.Skipped),
                };
                _counts[(int)count]++;
                if (e.Action is not PlanAction.UpToDate)
                {
                    Done(new FinishedPort(e.Port, result, null, null, e.Time, null, null, e.Reason));
                }

                break;
            case PortStartedEvent e:
                _waiting.Remove(e.Port);
                _slots[e.Slot] = new SlotView(e.Slot, e.Port, "", e.Time, e.Time);
                _starts[e.Port] = e.Time;
                _counts[(int)Count.Building]++;
                break;
            case PortPhaseEvent e:
                _slots[e.Slot] = _slots.TryGetValue(e.Slot, out var slot) && slot.Port == e.Port
                    ? slot with { Phase = e.Phase, PhaseStarted = e.Time }
                    : new SlotView(e.Slot, e.Port, e.Phase, e.Time, e.Time);
                break;
            case PortFinishedEvent e:
                Finish(e);
                break;
            case PortSkippedEvent e:
                _waiting.Remove(e.Port);
                _counts[(int)Count.Skipped]++;
                Done(new FinishedPort(e.Port, "skipped", null, null, e.Time, null, null, e.Reason));
                break;
            case ThrottleChangedEvent e:
                (WorkerLimit, Load, SwapPercent) = (e.Limit, e.Load ?? Load, e.SwapPercent ?? SwapPercent);
                break;
            case RepositoryRebuiltEvent e:
                Repository = new RepositoryView(e.Time, e.Directory, e.Packages, e.LeftOut, e.CatalogWritten);
                break;
            case ObsoletePackagesEvent e:
                ObsoletePackages = e.Files.IsDefault ? [] : e.Files;
                break;
            case RunFinishedEvent e:
                (Finished, Aborted, Elapsed) = (e.Time, e.Aborted, e.Elapsed);
                _counts[(int)Count.Building] = 0;
                _slots.Clear();
                _waiting.Clear();
                break;
        }
    }

    public RunSnapshot Snapshot(long lastEventId, DateTimeOffset now, Func<string, TimeSpan?> expected) => new(
        lastEventId,
        RunId,
        Profile,
        Running,
        Aborted,
        Started,
        Finished,
        Builders,
        [.. _slots.Values.OrderBy(s => s.Slot)],
        [.. _done],
        Status(now, expected))
    {
        Repository = Repository,
        ObsoletePackages = ObsoletePackages,
    };

    public LiveStatus Status(DateTimeOffset now, Func<string, TimeSpan?> expected)
    {
        var end = Finished ?? now;
        var elapsed = Elapsed ?? (Started is { } start ? end - start : TimeSpan.Zero);
        var finished = _counts[(int)Count.Built] + _counts[(int)Count.Failed];
        var rate = elapsed.TotalSeconds < 1 ? 0 : finished * 3600 / elapsed.TotalSeconds;
        return new LiveStatus(RunId, Running, now, elapsed.TotalSeconds, Totals(), Math.Round(rate, 1), Running ? Eta(now, expected) : null, WorkerLimit, Load, SwapPercent);
    }

    public RunTotals Totals() => new(
        ToBuild,
        Total,
        _waiting.Count,
        _counts[(int)Count.Building],
        _counts[(int)Count.Built],
        _counts[(int)Count.Failed],
        _counts[(int)Count.Skipped],
        _counts[(int)Count.Ignored],
        _counts[(int)Count.UpToDate],
        _counts[(int)Count.Meta],
        _counts[(int)Count.Unbuildable]);

    /// <summary>
    /// The time left, by the builder's simulation: the waiting ports (their expected durations from the history, else
    /// this run's mean) and what the busy slots still have to do, scheduled on the builders the throttle allows now.
    /// </summary>
    private double? Eta(DateTimeOffset now, Func<string, TimeSpan?> expected)
    {
        if (_waiting.Count == 0 && _slots.Count == 0)
        {
            return 0;
        }

        var fallback = TimeSpan.FromSeconds(_timed > 0 ? _builtSeconds / _timed : 60);
        var names = new List<string>(_waiting.Count + _slots.Count);
        var durations = new List<TimeSpan>(names.Capacity);
        foreach (var slot in _slots.Values)
        {
            var left = (expected(slot.Port) ?? fallback) - (now - slot.PortStarted);
            names.Add(slot.Port);
            durations.Add(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }

        foreach (var port in _waiting)
        {
            names.Add(port);
            durations.Add(expected(port) ?? fallback);
        }

        var builders = Math.Max(1, WorkerLimit ?? Builders);
        var result = ScheduleSimulator.Estimate(SchedulingProblem.Create(names, [], durations), builders);
        return Math.Round(result.Makespan.TotalSeconds, 1);
    }

    private void Finish(PortFinishedEvent e)
    {
        _counts[(int)Count.Building] = Math.Max(0, _counts[(int)Count.Building] - 1);
        _counts[(int)(e.Outcome.Succeeded ? Count.Built : Count.Failed)]++;
        if (_slots.TryGetValue(e.Slot, out var slot) && slot.Port == e.Port)
        {
            _slots.Remove(e.Slot);
        }

        var started = _starts.Remove(e.Port, out var s) ? s : e.Time - e.Outcome.Duration;
        var duration = e.Outcome.Duration > TimeSpan.Zero ? e.Outcome.Duration : e.Time - started;
        if (e.Outcome.Succeeded)
        {
            _builtSeconds += duration.TotalSeconds;
            _timed++;
        }

        Done(new FinishedPort(
            e.Port,
            e.Outcome.Succeeded ? "built" : "failed",
            e.Slot,
            started,
            e.Time,
            Math.Round(duration.TotalSeconds, 3),
            e.Outcome.LogFile is null ? null : Path.GetFileName(e.Outcome.LogFile),
            e.Outcome.Succeeded ? null : e.Outcome.Message));
    }

    private void Done(FinishedPort port)
    {
        _done.AddLast(port);
        if (_done.Count > KeptDone)
        {
            _done.RemoveFirst();
        }
    }
}
