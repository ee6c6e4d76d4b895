using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;

namespace GoSynth.Cli.Live;

/// <summary>
/// The live view's model of a run, folded from the builder's events. <see cref="Apply"/> is cheap and may be called
/// from any thread; <see cref="Frame"/> takes a consistent picture for drawing.
/// </summary>
internal sealed class LiveRunState
{
    /// <summary>How many finished ports are kept for the scrolling list.</summary>
    public const int FinishedKept = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, PortState> _ports = new(StringComparer.Ordinal);
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, SlotState> _slots = [];
    private readonly List<DateTimeOffset> _completions = [];
    private readonly Queue<LiveFinished> _finished = new();
    private long _runId;
    private string _profile = "";
    private DateTimeOffset? _started;
    private DateTimeOffset? _ended;
    private TimeSpan? _elapsed;
    private bool _aborted;
    private int _builders;
    private int? _limit;
    private double? _load;
    private double? _swap;

    private enum PortState
    {
        Queued,
        Building,
        Built,
        Failed,
        Skipped,
        Ignored,
        Other,
    }

    /// <summary>Takes one event.</summary>
    public void Apply(BuildEvent buildEvent)
    {
        lock (_lock)
        {
            switch (buildEvent)
            {
                case RunStartedEvent e:
                    _ports.Clear();
                    _queued.Clear();
                    _slots.Clear();
                    _completions.Clear();
                    _finished.Clear();
                    (_runId, _profile, _started, _ended, _elapsed, _aborted, _builders, _limit) = (e.RunId, e.Profile, e.Time, null, null, false, e.Builders, null);
                    break;
                case PortQueuedEvent e:
                    _ports[e.Port] = PortState.Queued;
                    _queued.Add(e.Port);
                    break;
                case PortNotBuiltEvent e:
                    _ports[e.Port] = e.Action switch
                    {
                        PlanAction.Ignored => PortState.Ignored,
                        PlanAction.Unbuildable or PlanAction.Skipped => PortState.Skipped,
                        _ => PortState.Other,
                    };
                    if (e.Action is PlanAction.Ignored or PlanAction.Unbuildable or PlanAction.Skipped)
                    {
                        Finish(new LiveFinished(e.Action.ToString().ToLowerInvariant(), e.Port, null, e.Reason));
                    }

                    break;
                case PortStartedEvent e:
                    _ports[e.Port] = PortState.Building;
                    _slots[e.Slot] = new SlotState(e.Port, "", e.Time);
                    break;
                case PortPhaseEvent e:
                    _slots[e.Slot] = new SlotState(e.Port, e.Phase, _slots.TryGetValue(e.Slot, out var slot) && slot.Port == e.Port ? slot.Since : e.Time);
                    break;
                case PortFinishedEvent e:
                    _ports[e.Port] = e.Outcome.Succeeded ? PortState.Built : PortState.Failed;
                    _completions.Add(e.Time);
                    if (_slots.TryGetValue(e.Slot, out var held) && held.Port == e.Port)
                    {
                        _slots.Remove(e.Slot);
                    }

                    Finish(e.Outcome.Succeeded
                        ? new LiveFinished("success", e.Port, e.Outcome.Duration, null)
                        : new LiveFinished("failure", e.Port, e.Outcome.Duration, e.Outcome.Phase ?? e.Outcome.Message));
                    break;
                case PortSkippedEvent e:
                    _ports[e.Port] = PortState.Skipped;
                    Finish(new LiveFinished("skipped", e.Port, null, e.Culprit));
                    break;
                case ThrottleChangedEvent e:
                    _limit = e.Limit;
                    _load = e.Load ?? _load;
                    _swap = e.SwapPercent ?? _swap;
                    break;
                case RunFinishedEvent e:
                    (_ended, _elapsed, _aborted) = (e.Time, e.Elapsed, e.Aborted);
                    _slots.Clear();
                    break;
            }
        }
    }

    /// <summary>Takes a reading of the host's load and swap (the throttle's events carry them only when it acts).</summary>
    public void SetMetrics(double load, double swapPercent)
    {
        lock (_lock)
        {
            (_load, _swap) = (load, swapPercent);
        }
    }

    /// <summary>The picture at <paramref name="now"/>.</summary>
    public LiveFrame Frame(DateTimeOffset now)
    {
        lock (_lock)
        {
            var end = _ended ?? now;
            var elapsed = _elapsed ?? (_started is { } s ? Positive(end - s) : TimeSpan.Zero);
            int built = 0, failed = 0, skipped = 0, ignored = 0;
            foreach (var state in _ports.Values)
            {
                switch (state)
                {
                    case PortState.Built: built++; break;
                    case PortState.Failed: failed++; break;
                    case PortState.Skipped: skipped++; break;
                    case PortState.Ignored: ignored++; break;
                }
            }

            return new LiveFrame
            {
                RunId = _runId,
                Profile = _profile,
                Started = _started is not null,
                Running = _started is not null && _ended is null,
                Aborted = _aborted,
                Elapsed = elapsed,
                Load = _load,
                SwapPercent = _swap,
                Rate = RunRates.Rate(_completions, elapsed),
                Impulse = RunRates.Impulse(_completions, end, elapsed),
                Builders = _builders,
                WorkerLimit = _limit,
                Total = _queued.Count,
                Built = built,
                Failed = failed,
                Skipped = skipped,
                Ignored = ignored,
                Remaining = _queued.Count(p => _ports[p] is PortState.Queued or PortState.Building),
                Slots = [.. _slots.Select(s => new LiveSlot(s.Key, s.Value.Port, s.Value.Phase, Positive(now - s.Value.Since)))],
                Finished = [.. _finished],
            };
        }
    }

    private void Finish(LiveFinished finished)
    {
        _finished.Enqueue(finished);
        while (_finished.Count > FinishedKept)
        {
            _finished.Dequeue();
        }
    }

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    private sealed record SlotState(string Port, string Phase, DateTimeOffset Since);
}
