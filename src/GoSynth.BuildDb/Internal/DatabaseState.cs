namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The in-memory indexes rebuilt from the records: runs, attempt rows, per-node state. Replay and live appends go
/// through the same Apply methods. Not thread-safe: the owner serializes access.
/// </summary>
internal sealed partial class DatabaseState
{
    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeState>.AlternateLookup<ReadOnlySpan<char>> _nodeLookup;
    private readonly Dictionary<long, RunState> _runsById = [];
    private readonly List<RunState> _runs = [];
    private readonly Dictionary<long, int> _openAttempts = [];
    private readonly Dictionary<long, int> _rowById = [];
    private readonly List<int> _failedRows = [];
    private readonly int _durationSamples;
    private AttemptRow[] _rows;
    private bool _runsSorted = true;

    public DatabaseState(int durationSamples, long expectedAttempts = 0)
    {
        _durationSamples = durationSamples;
        _nodeLookup = _nodes.GetAlternateLookup<ReadOnlySpan<char>>();
        _rows = new AttemptRow[Math.Clamp(expectedAttempts, 16, 1L << 26)];
    }

    public StringPool Strings { get; } = new();

    public int RowCount { get; private set; }

    public long NextRunId { get; private set; } = 1;

    public long NextAttemptId { get; private set; } = 1;

    public long Records { get; set; }

    public IReadOnlyCollection<NodeState> Nodes => _nodes.Values;

    public IEnumerable<long> OpenAttemptIds => _openAttempts.Keys;

    public ref AttemptRow Row(int index) => ref _rows[index];

    public NodeState Node(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[512];
        if (utf8.Length <= chars.Length)
        {
            var count = System.Text.Encoding.UTF8.GetChars(utf8, chars);
            if (_nodeLookup.TryGetValue(chars[..count], out var found))
            {
                return found;
            }

            return AddNode(new string(chars[..count]));
        }

        return Node(System.Text.Encoding.UTF8.GetString(utf8));
    }

    public NodeState Node(string name) => _nodes.TryGetValue(name, out var found) ? found : AddNode(name);

    public NodeState? FindNode(string name) => _nodes.GetValueOrDefault(name);

    public RunState? FindRun(long id) => _runsById.GetValueOrDefault(id);

    public bool IsOpen(long attemptId) => _openAttempts.ContainsKey(attemptId);

    public void ApplyWatermark(long nextRunId, long nextAttemptId)
    {
        NextRunId = Math.Max(NextRunId, nextRunId);
        NextAttemptId = Math.Max(NextAttemptId, nextAttemptId);
    }

    public RunState ApplyRunStarted(long id, long startMs, string profile, string? host, long pid)
    {
        if (_runsById.TryGetValue(id, out var existing))
        {
            if (!existing.IsPlaceholder)
            {
                throw new FormatException($"run {id} started twice");
            }

            existing.Profile = profile;
            existing.StartMs = startMs;
            existing.IsPlaceholder = false;
            existing.Host = host;
            existing.Pid = pid;
            return existing;
        }

        var run = new RunState(id, profile, startMs) { Host = host, Pid = pid, LastSeenMs = startMs };
        AddRun(run);
        return run;
    }

    public RunState ApplyRunFinished(long id, long endMs, RunOutcome outcome, ReadOnlySpan<int> counts)
    {
        if (!_runsById.TryGetValue(id, out var run))
        {
            run = new RunState(id, "(unknown: the record that started this run was lost)", endMs) { IsPlaceholder = true };
            AddRun(run);
        }

        run.EndMs = endMs;
        run.Outcome = outcome;
        run.LastSeenMs = Math.Max(run.LastSeenMs, endMs);
        if (counts.Length > 0)
        {
            Span<int> copy = stackalloc int[8];
            counts[..Math.Min(counts.Length, copy.Length)].CopyTo(copy);
            copy.CopyTo(run.Counts);
        }

        return run;
    }

    public int ApplyAttemptStarted(long id, long runId, NodeState node, string version, int slot, long startMs)
    {
        var row = NewRow(id, runId, node, version, slot, startMs);
        _openAttempts.Add(id, row);
        CountStatus(row, AttemptStatus.Running, +1);
        return row;
    }

    public int ApplyAttemptFinished(long id, AttemptStatus status, long endMs, string? packageFile, string? reason, string? lastPhase, uint? fingerprint, string? excerpt)
    {
        CheckFinal(status);
        if (!_openAttempts.Remove(id, out var index))
        {
            throw new FormatException(_rowById.ContainsKey(id)
                ? $"attempt {id} finished twice"
                : $"attempt {id} finished but the record that started it was lost");
        }

        Finish(index, status, endMs, packageFile, reason, lastPhase, fingerprint, excerpt);
        return index;
    }

    public int ApplyAttempt(long id, long runId, NodeState node, string version, int slot, long startMs, AttemptStatus status, long endMs, string? packageFile, string? reason, string? lastPhase, uint? fingerprint, string? excerpt)
    {
        CheckFinal(status);
        var row = NewRow(id, runId, node, version, slot, startMs);
        CountStatus(row, AttemptStatus.Running, +1);
        Finish(row, status, endMs, packageFile, reason, lastPhase, fingerprint, excerpt);
        return row;
    }

    private static void CheckFinal(AttemptStatus status)
    {
        if (status == AttemptStatus.Running || !Enum.IsDefined(status))
        {
            throw new FormatException($"attempt finished with status {(int)status}");
        }
    }

    private void Finish(int index, AttemptStatus status, long endMs, string? packageFile, string? reason, string? lastPhase, uint? fingerprint, string? excerpt)
    {
        ref var row = ref _rows[index];
        CountStatus(index, AttemptStatus.Running, -1);
        row.Status = status;
        row.EndMs = endMs;
        row.PackageFile = packageFile;
        row.Reason = reason;
        row.LastPhase = lastPhase;
        row.Fingerprint = fingerprint ?? 0;
        row.HasFingerprint = fingerprint.HasValue;
        row.Excerpt = excerpt;
        CountStatus(index, status, +1);
        if (_runsById.TryGetValue(row.RunId, out var run))
        {
            run.LastSeenMs = Math.Max(run.LastSeenMs, endMs);
        }

        if (status == AttemptStatus.Failed)
        {
            _failedRows.Add(index);
        }
        else if (status == AttemptStatus.Success)
        {
            var node = row.Node;
            if (node.LastSuccessRow < 0 || _rows[node.LastSuccessRow].Id < row.Id)
            {
                node.LastSuccessRow = index;
            }

            node.AddDuration(Math.Max(0, endMs - row.StartMs), _durationSamples);
        }
    }

    private int NewRow(long id, long runId, NodeState node, string version, int slot, long startMs)
    {
        if (_rowById.ContainsKey(id))
        {
            throw new FormatException($"attempt {id} recorded twice");
        }

        if (!_runsById.TryGetValue(runId, out var run))
        {
            run = new RunState(runId, "(unknown: the record that started this run was lost)", startMs) { IsPlaceholder = true, LastSeenMs = startMs };
            AddRun(run);
        }

        if (RowCount == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        var index = RowCount++;
        _rows[index] = new AttemptRow
        {
            Id = id,
            RunId = runId,
            Node = node,
            Version = version,
            Slot = slot,
            StartMs = startMs,
            EndMs = -1,
            Status = AttemptStatus.Running,
        };
        _rowById.Add(id, index);
        node.AddRow(index);
        if (node.LastRow < 0 || _rows[node.LastRow].Id < id)
        {
            node.LastRow = index;
        }

        run.Rows.Add(index);
        run.LastSeenMs = Math.Max(run.LastSeenMs, startMs);
        NextAttemptId = Math.Max(NextAttemptId, id + 1);
        return index;
    }

    private void CountStatus(int index, AttemptStatus status, int delta)
    {
        if (_runsById.TryGetValue(_rows[index].RunId, out var run))
        {
            run.Counts[(int)status] += delta;
        }
    }

    private void AddRun(RunState run)
    {
        if (_runs.Count > 0 && _runs[^1].Id > run.Id)
        {
            _runsSorted = false;
        }

        _runs.Add(run);
        _runsById.Add(run.Id, run);
        NextRunId = Math.Max(NextRunId, run.Id + 1);
    }

    private NodeState AddNode(string name)
    {
        var node = new NodeState(name);
        _nodes.Add(name, node);
        return node;
    }
}
