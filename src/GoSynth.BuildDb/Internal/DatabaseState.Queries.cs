namespace GoSynth.BuildDb.Internal;

/// <summary>Queries over the in-memory indexes; they copy out immutable public records.</summary>
internal sealed partial class DatabaseState
{
    public int RunCount => _runs.Count;

    public int OpenAttemptCount => _openAttempts.Count;

    public IReadOnlyList<RunState> RunsById
    {
        get
        {
            if (!_runsSorted)
            {
                _runs.Sort((a, b) => a.Id.CompareTo(b.Id));
                _runsSorted = true;
            }

            return _runs;
        }
    }

    public static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    public static BuildRun ToRun(RunState run) => new(
        run.Id,
        run.Profile,
        Time(run.StartMs),
        run.EndMs < 0 ? null : Time(run.EndMs),
        run.Outcome,
        StatusCounts.FromArray(run.Counts));

    public PortAttempt ToAttempt(int index)
    {
        ref readonly var row = ref Row(index);
        var inputs = Inputs(row.Inputs);
        return new PortAttempt(
            row.Id,
            row.RunId,
            _nodeList[row.Node].Name,
            Strings.Get(row.Version)!,
            row.Status,
            Time(row.StartMs),
            row.EndMs < 0 ? null : Time(row.EndMs))
        {
            PackageFile = Strings.Get(row.PackageFile),
            Reason = Strings.Get(row.Reason),
            LastPhase = Strings.Get(row.LastPhase),
            Slot = row.Slot,
            Fingerprint = row.HasFingerprint ? row.Fingerprint : null,
            FailureExcerpt = Excerpt(row.Excerpt),
            Options = Strings.Get(inputs.Options),
            FrameworkFingerprint = inputs.Framework,
            Dependencies = Strings.Get(inputs.Dependencies),
        };
    }

    public int? RowOf(long attemptId)
    {
        int low = 0, high = RowCount - 1;
        while (low <= high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            var id = Row(mid).Id;
            if (id == attemptId)
            {
                return mid;
            }

            if (id < attemptId)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return null;
    }

    public IReadOnlyList<BuildRun> ListRuns(int skip, int take)
    {
        var runs = RunsById;
        var result = new List<BuildRun>(Math.Min(take, runs.Count));
        for (var i = runs.Count - 1 - skip; i >= 0 && result.Count < take; i--)
        {
            result.Add(ToRun(runs[i]));
        }

        return result;
    }

    public IReadOnlyList<PortAttempt> RunAttempts(long runId, Func<AttemptStatus, bool> filter)
    {
        if (!_runsById.TryGetValue(runId, out var run))
        {
            return [];
        }

        var result = new List<PortAttempt>();
        foreach (var index in run.Rows)
        {
            if (filter(Row(index).Status))
            {
                result.Add(ToAttempt(index));
            }
        }

        return result;
    }

    public IReadOnlyList<PortAttempt> History(string node, int take)
    {
        if (FindNode(node) is not { } state)
        {
            return [];
        }

        var rows = state.Rows;
        var result = new List<PortAttempt>(Math.Min(take, rows.Length));
        for (var i = rows.Length - 1; i >= 0 && result.Count < take; i--)
        {
            result.Add(ToAttempt(rows[i]));
        }

        return result;
    }

    public IReadOnlyList<PortAttempt> FailuresSince(long sinceMs)
    {
        var result = new List<PortAttempt>();
        for (var i = _failedRows.Count - 1; i >= 0; i--)
        {
            var index = _failedRows[i];
            if (Row(index).Status == AttemptStatus.Failed && Row(index).EndMs >= sinceMs)
            {
                result.Add(ToAttempt(index));
            }
        }

        result.Sort((a, b) => b.Id.CompareTo(a.Id));
        return result;
    }

    public PortState? State(string node)
    {
        if (FindNode(node) is not { LastRow: >= 0 } state)
        {
            return null;
        }

        return new PortState(
            state.Name,
            state.LastSuccessRow >= 0 ? ToAttempt(state.LastSuccessRow) : null,
            ToAttempt(state.LastRow));
    }

    public PortAttempt? LatestSuccess(string node) =>
        FindNode(node) is { LastSuccessRow: >= 0 } state ? ToAttempt(state.LastSuccessRow) : null;

    public int NodesWithSuccess()
    {
        var count = 0;
        foreach (var node in _nodes.Values)
        {
            if (node.LastSuccessRow >= 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A robust average of recent successful durations: the mean without the extremes when there are 4+ samples.</summary>
    public static TimeSpan? Expected(long[] samples)
    {
        if (samples.Length == 0)
        {
            return null;
        }

        Array.Sort(samples);
        var trim = samples.Length >= 4 ? Math.Max(1, samples.Length / 5) : 0;
        var kept = samples.AsSpan(trim, samples.Length - (2 * trim));
        long sum = 0;
        foreach (var value in kept)
        {
            sum += value;
        }

        return TimeSpan.FromMilliseconds((double)sum / kept.Length);
    }
}
