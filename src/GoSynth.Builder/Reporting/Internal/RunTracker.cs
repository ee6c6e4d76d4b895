using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>
/// What a run looks like so far, folded from its events: the run, each slot's port and phase, each port's result
/// and the totals. Every sink that reports totals folds the run with one of these and reads <see cref="Totals"/>, so
/// dsynth's logs, the hooks, the monitor file, summary.json and the metrics count the same thing the same way. Not
/// thread-safe; the sinks call it under their own lock.
/// </summary>
internal sealed class RunTracker
{
    private readonly Dictionary<string, PortRecord> _ports = new(StringComparer.Ordinal);
    private readonly int[] _counts = new int[Enum.GetValues<PortStatus>().Length];
    private int _wasQueued;
    private int _skippedAfterQueue;
    private readonly Dictionary<int, SlotState> _slots = [];
    private readonly List<DateTimeOffset> _completions = [];
    private readonly Queue<MonitorFinishedPort> _recent = new();

    public long RunId { get; private set; }

    public string Profile { get; private set; } = "";

    public DateTimeOffset? Started { get; private set; }

    public DateTimeOffset? Finished { get; private set; }

    public bool Aborted { get; private set; }

    public int Builders { get; private set; }

    public int ToBuild { get; private set; }

    public int Total { get; private set; }

    public int? WorkerLimit { get; private set; }

    public TimeSpan? Elapsed { get; private set; }

    public IReadOnlyCollection<PortRecord> Ports => _ports.Values;

    public IReadOnlyDictionary<int, SlotState> Slots => _slots;

    public IReadOnlyList<DateTimeOffset> Completions => _completions;

    /// <summary>The ports that ended most recently, oldest first (<see cref="MonitorSnapshot.RecentKept"/> at most).</summary>
    public IReadOnlyCollection<MonitorFinishedPort> Recent => _recent;

    public void Apply(BuildEvent buildEvent)
    {
        switch (buildEvent)
        {
            case RunStartedEvent e:
                _ports.Clear();
                Array.Clear(_counts);
                _wasQueued = _skippedAfterQueue = 0;
                _slots.Clear();
                _completions.Clear();
                _recent.Clear();
                (RunId, Profile, Started, Builders, ToBuild, Total) = (e.RunId, e.Profile, e.Time, e.Builders, e.ToBuild, e.Total);
                (Finished, Aborted, WorkerLimit, Elapsed) = (null, false, null, null);
                break;
            case PortQueuedEvent e:
                var queued = Port(e.Port);
                if (!queued.WasQueued)
                {
                    queued.WasQueued = true;
                    _wasQueued++;
                    _skippedAfterQueue += queued.Status == PortStatus.Skipped ? 1 : 0;
                }

                SetStatus(queued, PortStatus.Queued);
                (queued.Version, queued.Reason, queued.PackageFile) = (e.Version, e.Reason, e.PackageFile ?? queued.PackageFile);
                break;
            case PortNotBuiltEvent e:
                var notBuilt = Port(e.Port);
                SetStatus(notBuilt, e.Action switch
                {
                    PlanAction.Ignored => PortStatus.Ignored,
                    PlanAction.Meta => PortStatus.Meta,
                    PlanAction.UpToDate => PortStatus.UpToDate,
                    PlanAction.Unbuildable => PortStatus.Unbuildable,
                    _ => PortStatus.Skipped,
                });
                (notBuilt.Reason, notBuilt.PackageFile) = (e.Reason, e.PackageFile ?? notBuilt.PackageFile);
                if (notBuilt.Status is PortStatus.Ignored or PortStatus.Unbuildable or PortStatus.Skipped)
                {
                    Ended(new MonitorFinishedPort(e.Port, notBuilt.Status.ToString().ToLowerInvariant(), e.Time, null, e.Reason));
                }

                break;
            case PortStartedEvent e:
                var started = Port(e.Port);
                SetStatus(started, PortStatus.Building);
                (started.Slot, started.Started) = (e.Slot, e.Time);
                _slots[e.Slot] = new SlotState(e.Port, "", e.Time, e.Time);
                break;
            case PortPhaseEvent e:
                var phased = Port(e.Port);
                phased.Phase = e.Phase;
                _slots[e.Slot] = new SlotState(e.Port, e.Phase, _slots.TryGetValue(e.Slot, out var slot) && slot.Port == e.Port ? slot.PortStarted : e.Time, e.Time);
                break;
            case PortFinishedEvent e:
                Finish(e);
                break;
            case PortSkippedEvent e:
                var skipped = Port(e.Port);
                SetStatus(skipped, PortStatus.Skipped);
                skipped.PackageFile = e.PackageFile ?? skipped.PackageFile;
                skipped.Reason = e.Reason.Contains(e.Culprit, StringComparison.Ordinal) ? e.Reason : $"{e.Reason} ({e.Culprit})";
                Ended(new MonitorFinishedPort(e.Port, "skipped", e.Time, null, e.Culprit));
                break;
            case ThrottleChangedEvent e:
                WorkerLimit = e.Limit;
                break;
            case RunFinishedEvent e:
                (Finished, Aborted, Elapsed) = (e.Time, e.Aborted, e.Elapsed);
                _slots.Clear();
                break;
        }
    }

    public int Count(PortStatus status) => _counts[(int)status];

    /// <summary>The run's totals, the one count every report shows.</summary>
    public RunTotals Totals => new(
        Queued: _wasQueued,
        Waiting: Count(PortStatus.Queued),
        Building: Count(PortStatus.Building),
        Built: Count(PortStatus.Built),
        Failed: Count(PortStatus.Failed),
        Skipped: Count(PortStatus.Skipped),
        Ignored: Count(PortStatus.Ignored),
        Meta: Count(PortStatus.Meta),
        UpToDate: Count(PortStatus.UpToDate),
        Unbuildable: Count(PortStatus.Unbuildable),
        SkippedUnqueued: Count(PortStatus.Skipped) - _skippedAfterQueue);

    /// <summary>The ports that were queued and neither ended nor were skipped (dsynth's "lost in the ether"), by name.</summary>
    public IEnumerable<string> Unfinished() =>
        _ports.Values.Where(p => p.WasQueued && p.Status is PortStatus.Queued or PortStatus.Building).Select(p => p.Port).Order(StringComparer.Ordinal);

    /// <summary>The record of <paramref name="port"/>, or null when no event named it.</summary>
    public PortRecord? Find(string port) => _ports.GetValueOrDefault(port);

    /// <summary>dsynth's rate: ports finished (built or failed) per hour over the run, 0 in the first 20 seconds.</summary>
    public int Rate(DateTimeOffset now)
    {
        var elapsed = Started is { } start ? (now - start).TotalSeconds : 0;
        return elapsed <= 20 ? 0 : (int)(_completions.Count * 3600 / elapsed);
    }

    /// <summary>dsynth's impulse: ports finished in the last ten minutes (or the run so far), per hour.</summary>
    public int Impulse(DateTimeOffset now)
    {
        var elapsed = Started is { } start ? (now - start).TotalSeconds : 0;
        if (elapsed < 20)
        {
            return 0;
        }

        var window = Math.Min(elapsed, 600);
        var since = now - TimeSpan.FromSeconds(window);
        return (int)(_completions.Count(t => t > since) * 3600 / window);
    }

    private void Finish(PortFinishedEvent e)
    {
        var port = Port(e.Port);
        var outcome = e.Outcome;
        SetStatus(port, outcome.Succeeded ? PortStatus.Built : PortStatus.Failed);
        port.Slot = e.Slot;
        port.Started ??= e.Time - outcome.Duration;
        port.Duration = outcome.Duration > TimeSpan.Zero ? outcome.Duration : e.Time - port.Started.Value;
        port.Phases = outcome.Phases.IsDefault ? [] : outcome.Phases;
        port.PackageFile = outcome.PackageFile ?? port.PackageFile;
        port.LogFile = outcome.LogFile;
        port.Phase = outcome.Succeeded ? null : outcome.Phase ?? port.Phase;
        port.Message = outcome.Message;
        port.LogExcerpt = outcome.LogExcerpt;
        port.SkippedDependents = e.SkippedDependents;
        port.InstalledPackages = outcome.InstalledPackages;
        port.ReusedPackages = outcome.ReusedPackages;
        port.InstallTime = Running.DependencyReuse.InstallTimeOf(outcome);
        _completions.Add(e.Time);
        Ended(new MonitorFinishedPort(e.Port, outcome.Succeeded ? "success" : "failure", e.Time, port.Duration, outcome.Succeeded ? null : outcome.Phase ?? outcome.Message));
        if (_slots.TryGetValue(e.Slot, out var slot) && slot.Port == e.Port)
        {
            _slots.Remove(e.Slot);
        }
    }

    private void Ended(MonitorFinishedPort port)
    {
        _recent.Enqueue(port);
        while (_recent.Count > MonitorSnapshot.RecentKept)
        {
            _recent.Dequeue();
        }
    }

    private PortRecord Port(string name)
    {
        if (!_ports.TryGetValue(name, out var record))
        {
            record = new PortRecord(name);
            _ports.Add(name, record);
            _counts[(int)record.Status]++;
        }

        return record;
    }

    /// <summary>Moves a port to <paramref name="status"/>, keeping the counts.</summary>
    private void SetStatus(PortRecord port, PortStatus status)
    {
        _counts[(int)port.Status]--;
        _counts[(int)status]++;
        if (port.WasQueued)
        {
            _skippedAfterQueue += (status == PortStatus.Skipped ? 1 : 0) - (port.Status == PortStatus.Skipped ? 1 : 0);
        }

        port.Status = status;
    }
}

/// <summary>What a slot is doing.</summary>
internal sealed record SlotState(string Port, string Phase, DateTimeOffset PortStarted, DateTimeOffset PhaseStarted);

/// <summary>Where a port stands in the run.</summary>
internal enum PortStatus
{
    Queued,
    Building,
    Built,
    Failed,
    Skipped,
    Ignored,
    Meta,
    UpToDate,
    Unbuildable,
}

/// <summary>One port's record in the run.</summary>
internal sealed class PortRecord(string port)
{
    public string Port { get; } = port;

    /// <summary>Where the port stands; only <see cref="RunTracker"/> moves it, so its counts stay right.</summary>
    public PortStatus Status { get; set; }

    /// <summary>Whether the port was queued to be built in this run.</summary>
    public bool WasQueued { get; set; }

    public string? Version { get; set; }

    public string? Reason { get; set; }

    public int? Slot { get; set; }

    public DateTimeOffset? Started { get; set; }

    public TimeSpan? Duration { get; set; }

    public ImmutableArray<PhaseTiming> Phases { get; set; } = [];

    public string? Phase { get; set; }

    public string? PackageFile { get; set; }

    public string? LogFile { get; set; }

    public string? Message { get; set; }

    public string? LogExcerpt { get; set; }

    public int SkippedDependents { get; set; }

    public int InstalledPackages { get; set; }

    public int ReusedPackages { get; set; }

    public TimeSpan InstallTime { get; set; }
}
