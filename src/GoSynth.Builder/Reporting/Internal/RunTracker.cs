using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>
/// What a run looks like so far, folded from its events: the run, each slot's port and phase, each port's result
/// and the totals. Not thread-safe; the sinks call it under their own lock.
/// </summary>
internal sealed class RunTracker
{
    private readonly Dictionary<string, PortRecord> _ports = new(StringComparer.Ordinal);
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
                _slots.Clear();
                _completions.Clear();
                _recent.Clear();
                (RunId, Profile, Started, Builders, ToBuild, Total) = (e.RunId, e.Profile, e.Time, e.Builders, e.ToBuild, e.Total);
                (Finished, Aborted, WorkerLimit, Elapsed) = (null, false, null, null);
                break;
            case PortQueuedEvent e:
                var queued = Port(e.Port);
                (queued.Status, queued.Version, queued.Reason, queued.PackageFile) = (PortStatus.Queued, e.Version, e.Reason, e.PackageFile ?? queued.PackageFile);
                break;
            case PortNotBuiltEvent e:
                var notBuilt = Port(e.Port);
                notBuilt.Status = e.Action switch
                {
                    PlanAction.Ignored => PortStatus.Ignored,
                    PlanAction.Meta => PortStatus.Meta,
                    PlanAction.UpToDate => PortStatus.UpToDate,
                    PlanAction.Unbuildable => PortStatus.Unbuildable,
                    _ => PortStatus.Skipped,
                };
                (notBuilt.Reason, notBuilt.PackageFile) = (e.Reason, e.PackageFile ?? notBuilt.PackageFile);
                if (notBuilt.Status is PortStatus.Ignored or PortStatus.Unbuildable or PortStatus.Skipped)
                {
                    Ended(new MonitorFinishedPort(e.Port, notBuilt.Status.ToString().ToLowerInvariant(), e.Time, null, e.Reason));
                }

                break;
            case PortStartedEvent e:
                var started = Port(e.Port);
                (started.Status, started.Slot, started.Started) = (PortStatus.Building, e.Slot, e.Time);
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
                (skipped.Status, skipped.PackageFile) = (PortStatus.Skipped, e.PackageFile ?? skipped.PackageFile);
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

    public int Count(PortStatus status) => _ports.Values.Count(p => p.Status == status);

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
        port.Status = outcome.Succeeded ? PortStatus.Built : PortStatus.Failed;
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
        }

        return record;
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

    public PortStatus Status { get; set; }

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
