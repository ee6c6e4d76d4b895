using System.Text.Json;
using System.Threading.Channels;
using GoSynth.Builder.Events;
using GoSynth.Web.Api;
using GoSynth.Web.History;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Events;

/// <summary>
/// Receives the builder's events (a container sink), numbers them, keeps the latest of each run in a bounded ring,
/// keeps each run's state, and hands new events to the live streams. A stream that falls too far behind is closed
/// rather than buffered without bound; its client resumes from the ring with <c>Last-Event-ID</c>.
/// </summary>
internal sealed class EventHub : IBuildEventSink
{
    private const int SubscriberBuffer = 4096;

    private readonly Lock _lock = new();
    private readonly GoSynthWebOptions _options;
    private readonly HistoryReader? _history;
    private readonly TimeProvider _time;
    private readonly LinkedList<RunRing> _runs = new();
    private readonly List<Subscription> _subscribers = [];
    private long _lastId;
    private long _droppedUpTo;
    private RunRing? _current;

    public EventHub(IOptions<GoSynthWebOptions> options, HistoryReader? history = null, TimeProvider? timeProvider = null)
    {
        _options = options.Value;
        _history = history;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The id of the last event seen.</summary>
    public long LastEventId
    {
        get
        {
            lock (_lock)
            {
                return _lastId;
            }
        }
    }

    /// <summary>How many live streams are attached.</summary>
    public int Subscribers
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Publish(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        lock (_lock)
        {
            if (buildEvent is RunStartedEvent started)
            {
                _current = new RunRing(started.RunId);
                _runs.AddLast(_current);
                while (_runs.Count > _options.RetainedRuns)
                {
                    var oldest = _runs.First!.Value;
                    _runs.RemoveFirst();
                    if (oldest.Entries.Count > 0)
                    {
                        _droppedUpTo = Math.Max(_droppedUpTo, oldest.Entries.Last!.Value.Id);
                    }
                }
            }

            var run = _current ??= AddRun(0);
            var id = ++_lastId;
            var web = WebEventMapper.Map(id, run.RunId, buildEvent);
            var entry = new EventEntry(id, run.RunId, web.Type, JsonSerializer.SerializeToUtf8Bytes(web, WebJsonContext.Default.WebEvent));
            run.Entries.AddLast(entry);
            if (run.Entries.Count > _options.EventBufferSize)
            {
                _droppedUpTo = Math.Max(_droppedUpTo, run.Entries.First!.Value.Id);
                run.Entries.RemoveFirst();
                run.Truncated = true;
            }

            run.State.Apply(buildEvent);
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                var subscriber = _subscribers[i];
                if (subscriber.RunId is { } only && only != run.RunId)
                {
                    continue;
                }

                if (!subscriber.Channel.Writer.TryWrite(entry))
                {
                    subscriber.Overrun = true;
                    subscriber.Channel.Writer.TryComplete();
                    _subscribers.RemoveAt(i);
                }
                else if (subscriber.RunId is not null && buildEvent is RunFinishedEvent)
                {
                    subscriber.Channel.Writer.TryComplete();
                    _subscribers.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>
    /// Attaches a live stream. With <paramref name="lastEventId"/> the retained events after it come first (or, when
    /// some of them are no longer kept, a gap marker and a snapshot); without it a snapshot of the current run, or
    /// for a run stream (<paramref name="runId"/>) that run's retained events from its start.
    /// </summary>
    public Subscription Subscribe(long? lastEventId, long? runId)
    {
        lock (_lock)
        {
            var subscription = new Subscription(runId, Channel.CreateBounded<EventEntry>(new BoundedChannelOptions(SubscriberBuffer)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            }));
            var rings = runId is { } only ? _runs.Where(r => r.RunId == only).ToList() : [.. _runs];
            if (runId is not null && rings.Count == 0)
            {
                subscription.Unknown = true;
                return subscription;
            }

            if (lastEventId is null && runId is null)
            {
                subscription.Snapshot = SnapshotLocked();
            }
            else
            {
                var after = lastEventId ?? 0;
                var oldestKept = rings.Where(r => r.Entries.Count > 0).Select(r => r.Entries.First!.Value.Id).DefaultIfEmpty(_lastId + 1).Min();
                var lost = runId is null
                    ? after < _droppedUpTo && after < _lastId
                    : rings[0].Truncated && after < oldestKept - 1;
                if (lost)
                {
                    subscription.Gap = new GapMarker(after, oldestKept);
                    subscription.Snapshot = runId is null || rings[0] == _current ? SnapshotLocked() : null;
                    after = subscription.Snapshot?.LastEventId ?? after;
                }

                subscription.Backlog = [.. rings.SelectMany(r => r.Entries).Where(e => e.Id > after).OrderBy(e => e.Id)];
                if (runId is not null && rings[0].State.Finished is not null)
                {
                    subscription.Channel.Writer.TryComplete();
                    return subscription;
                }
            }

            _subscribers.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }

        subscription.Channel.Writer.TryComplete();
    }

    /// <summary>The current (or last) run's snapshot, null before any run.</summary>
    public RunSnapshot? Snapshot()
    {
        lock (_lock)
        {
            return _current is null ? null : SnapshotLocked();
        }
    }

    /// <summary>The status (totals, rate, ETA) of the current or last run, or of the run <paramref name="runId"/> when still kept.</summary>
    public LiveStatus? Status(long? runId = null)
    {
        lock (_lock)
        {
            var run = runId is { } id ? _runs.FirstOrDefault(r => r.RunId == id) : _current;
            if (run is null)
            {
                return null;
            }

            // Every live stream asks every few seconds; while a run goes on, the ETA's simulation runs at most once a
            // second for it, however many events come; an answer with no event since stays good.
            var now = _time.GetUtcNow();
            if (run.Cached is { } cached
                && (run.CachedAt == _lastId || (run.State.Running && now - cached.Now < TimeSpan.FromSeconds(1))))
            {
                return cached;
            }

            run.Cached = run.State.Status(now, Expected);
            run.CachedAt = _lastId;
            return run.Cached;
        }
    }

    /// <summary>The run being built now, if any.</summary>
    public long? RunningRunId()
    {
        lock (_lock)
        {
            return _current is { State.Running: true } run ? run.RunId : null;
        }
    }

    private RunSnapshot SnapshotLocked() =>
        (_current?.State ?? new LiveRun(0)).Snapshot(_lastId, _time.GetUtcNow(), Expected);

    private TimeSpan? Expected(string port) => _history?.Cached?.ExpectedDuration(port);

    private RunRing AddRun(long runId)
    {
        var ring = new RunRing(runId);
        _runs.AddLast(ring);
        return ring;
    }

    private sealed class RunRing(long runId)
    {
        public long RunId { get; } = runId;

        public LinkedList<EventEntry> Entries { get; } = new();

        public bool Truncated { get; set; }

        public LiveRun State { get; } = new(runId);

        public LiveStatus? Cached { get; set; }

        public long CachedAt { get; set; }
    }
}

/// <summary>One numbered event, serialized once for every stream.</summary>
internal sealed record EventEntry(long Id, long RunId, string Type, byte[] Json);

/// <summary>Tells a resuming client that events it asked for are no longer kept.</summary>
internal sealed record GapMarker(long LastEventId, long OldestAvailable);

/// <summary>One live stream's view of the hub.</summary>
internal sealed class Subscription(long? runId, Channel<EventEntry> channel)
{
    public long? RunId { get; } = runId;

    public Channel<EventEntry> Channel { get; } = channel;

    public IReadOnlyList<EventEntry> Backlog { get; set; } = [];

    public RunSnapshot? Snapshot { get; set; }

    public GapMarker? Gap { get; set; }

    public bool Unknown { get; set; }

    public bool Overrun { get; set; }
}
