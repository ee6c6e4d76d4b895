using GoSynth.BuildDb.Internal;

namespace GoSynth.BuildDb;

/// <summary>Queries: synchronous reads of the in-memory indexes, returning immutable copies.</summary>
public sealed partial class BuildDatabase
{
    /// <summary>The run with this id, or null.</summary>
    public BuildRun? GetRun(long runId)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.FindRun(runId) is { } run ? DatabaseState.ToRun(run) : null;
        }
    }

    /// <summary>Runs, newest first: skips <paramref name="skip"/>, returns at most <paramref name="take"/>.</summary>
    public IReadOnlyList<BuildRun> ListRuns(int skip = 0, int take = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.ListRuns(skip, take);
        }
    }

    /// <summary>The attempt with this id, or null.</summary>
    public PortAttempt? GetAttempt(long attemptId)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.RowOf(attemptId) is { } index ? _state.ToAttempt(index) : null;
        }
    }

    /// <summary>Every attempt of a run, in the order they started.</summary>
    public IReadOnlyList<PortAttempt> GetRunAttempts(long runId)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.RunAttempts(runId, static _ => true);
        }
    }

    /// <summary>The failed attempts of a run, in the order they started.</summary>
    public IReadOnlyList<PortAttempt> GetFailures(long runId)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.RunAttempts(runId, static s => s == AttemptStatus.Failed);
        }
    }

    /// <summary>Failed attempts that ended at or after <paramref name="since"/>, newest first.</summary>
    public IReadOnlyList<PortAttempt> GetFailuresSince(DateTimeOffset since)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.FailuresSince(since.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>The attempts of a node, newest first, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<PortAttempt> GetHistory(string node, int take = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.History(node, take);
        }
    }

    /// <summary>
    /// The latest successful attempt of exactly this node (a flavored node is its own node: <c>editors/vim</c>
    /// never matches <c>editors/vim@gtk3</c>), or null.
    /// </summary>
    public PortAttempt? GetLatestSuccess(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.LatestSuccess(node);
        }
    }

    /// <summary>The node's last success and last attempt, or null when it has never been attempted.</summary>
    public PortState? GetPortState(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.State(node);
        }
    }

    /// <summary>The state of every node ever attempted, ordered by node.</summary>
    public IReadOnlyList<PortState> GetPortStates()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return [.. _state.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal).Select(n => _state.State(n)!)];
        }
    }

    /// <summary>
    /// How long a build of the node is expected to take: a robust average (the mean without the fastest and
    /// slowest fifth once there are four samples) of its recent successful durations; null when it never built.
    /// </summary>
    public TimeSpan? ExpectedDuration(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.FindNode(node) is { } state ? DatabaseState.Expected(state.RecentDurations()) : null;
        }
    }

    /// <summary>The recent successful build durations of a node, oldest first (at most <see cref="BuildDbOptions.DurationSamples"/>).</summary>
    public IReadOnlyList<TimeSpan> GetRecentDurations(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_sync)
        {
            ThrowIfDisposed();
            return _state.FindNode(node) is { } state ? [.. state.RecentDurations().Select(ms => TimeSpan.FromMilliseconds(ms))] : [];
        }
    }

    /// <summary>Counts and sizes.</summary>
    public BuildDbStatistics GetStatistics()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            return new BuildDbStatistics
            {
                Path = Path,
                FormatVersion = FileFormat.CurrentVersion,
                FileBytes = _pipeline?.Position ?? _validEnd,
                Records = _state.Records,
                Runs = _state.RunCount,
                RunningRuns = _state.RunsById.Count(r => r.Outcome == RunOutcome.Running),
                Attempts = _state.RowCount,
                RunningAttempts = _state.OpenAttemptCount,
                Nodes = _state.Nodes.Count,
                NodesWithSuccess = _state.NodesWithSuccess(),
            };
        }
    }
}
