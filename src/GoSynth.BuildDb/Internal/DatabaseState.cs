namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The in-memory indexes rebuilt from the records: runs, attempt rows, per-node state. Replay and live appends go
/// through the same Apply methods. Not thread-safe: the owner serializes access.
/// </summary>
internal sealed partial class DatabaseState
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly Utf8Table _nodeTable;
    private readonly List<NodeState> _nodeList = [];
    private readonly List<string> _excerpts = [];
    private readonly List<AttemptInputs> _inputs = [];
    private readonly Dictionary<long, RunState> _runsById = [];
    private readonly List<RunState> _runs = [];
    private readonly Dictionary<long, int> _openAttempts = [];
    private readonly List<int> _failedRows = [];
    private readonly int _durationSamples;
    private AttemptRow[][] _chunks = new AttemptRow[16][];
    private bool _runsSorted = true;
    private RunState? _lastRun;

    public DatabaseState(int durationSamples, long expectedAttempts = 0)
    {
        _durationSamples = durationSamples;
        _nodeTable = new Utf8Table(AddNode);
        _chunks = new AttemptRow[Math.Max(16, (int)(expectedAttempts >> ChunkBits) + 1)][];
    }

    public StringPool Strings { get; } = new();

    public int RowCount { get; private set; }

    public long NextRunId { get; private set; } = 1;

    public long NextAttemptId { get; private set; } = 1;

    public long Records { get; set; }

    public IReadOnlyCollection<NodeState> Nodes => _nodes.Values;

    public IEnumerable<long> OpenAttemptIds => _openAttempts.Keys;

    public ref AttemptRow Row(int index) => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    public NodeState Node(ReadOnlySpan<byte> utf8) => _nodeList[_nodeTable.GetOrAdd(utf8)];

    public NodeState Node(string name) => _nodes.TryGetValue(name, out var found) ? found : _nodeList[_nodeTable.GetOrAdd(name)];

    public NodeState NodeAt(int index) => _nodeList[index];

    public string? Excerpt(int index) => index == 0 ? null : _excerpts[index - 1];

    public AttemptInputs Inputs(int index) => index == 0 ? default : _inputs[index - 1];

    public NodeState? FindNode(string name) => _nodes.GetValueOrDefault(name);

    public RunState? FindRun(long id)
    {
        // Records of one run come together: remember the last one instead of hashing for every record.
        if (_lastRun?.Id == id)
        {
            return _lastRun;
        }

        var run = _runsById.GetValueOrDefault(id);
        if (run is not null)
        {
            _lastRun = run;
        }

        return run;
    }

    public bool IsOpen(long attemptId) => _openAttempts.ContainsKey(attemptId);

    /// <summary>The node of a running attempt, or null when the attempt is not running.</summary>
    public NodeState? NodeOfOpen(long attemptId) => _openAttempts.TryGetValue(attemptId, out var index) ? _nodeList[Row(index).Node] : null;

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

    public int ApplyAttemptStarted(long id, long runId, NodeState node, int version, int slot, long startMs)
    {
        var row = NewRow(id, runId, node, version, slot, startMs);
        _openAttempts.Add(id, row);
        CountStatus(row, AttemptStatus.Running, +1);
        return row;
    }

    public int ApplyAttemptFinished(long id, AttemptStatus status, long endMs, int packageFile, int reason, int lastPhase, uint? fingerprint, string? excerpt, AttemptInputs inputs = default)
    {
        CheckFinal(status);
        if (!_openAttempts.Remove(id, out var index))
        {
            throw new FormatException(RowOf(id) is not null
                ? $"attempt {id} finished twice"
                : $"attempt {id} finished but the record that started it was lost");
        }

        Finish(index, status, endMs, packageFile, reason, lastPhase, fingerprint, excerpt, inputs);
        return index;
    }

    public int ApplyAttempt(long id, long runId, NodeState node, int version, int slot, long startMs, AttemptStatus status, long endMs, int packageFile, int reason, int lastPhase, uint? fingerprint, string? excerpt, AttemptInputs inputs = default)
    {
        CheckFinal(status);
        var row = NewRow(id, runId, node, version, slot, startMs);
        CountStatus(row, AttemptStatus.Running, +1);
        Finish(row, status, endMs, packageFile, reason, lastPhase, fingerprint, excerpt, inputs);
        return row;
    }

    private static void CheckFinal(AttemptStatus status)
    {
        if (status is <= AttemptStatus.Running or > AttemptStatus.Interrupted)
        {
            throw new FormatException($"attempt finished with status {(int)status}");
        }
    }

    private void Finish(int index, AttemptStatus status, long endMs, int packageFile, int reason, int lastPhase, uint? fingerprint, string? excerpt, AttemptInputs inputs)
    {
        ref var row = ref Row(index);
        CountStatus(index, AttemptStatus.Running, -1);
        row.Status = status;
        row.EndMs = endMs;
        row.PackageFile = packageFile;
        row.Reason = reason;
        row.LastPhase = lastPhase;
        row.Fingerprint = fingerprint ?? 0;
        row.HasFingerprint = fingerprint.HasValue;
        if (excerpt is not null)
        {
            _excerpts.Add(excerpt);
            row.Excerpt = _excerpts.Count;
        }

        if (!inputs.IsEmpty)
        {
            // Builds of a node mostly repeat its inputs: share the entry instead of adding one per row.
            var node = _nodeList[row.Node];
            if (node.Inputs == 0 || _inputs[node.Inputs - 1] != inputs)
            {
                _inputs.Add(inputs);
                node.Inputs = _inputs.Count;
            }

            row.Inputs = node.Inputs;
        }

        CountStatus(index, status, +1);
        if (FindRun(row.RunId) is { } run)
        {
            run.LastSeenMs = Math.Max(run.LastSeenMs, endMs);
        }

        if (status == AttemptStatus.Failed)
        {
            _failedRows.Add(index);
        }
        else if (status == AttemptStatus.Success)
        {
            var node = _nodeList[row.Node];
            // Rows are in id order, so comparing row indexes compares ids without touching another row.
            if (node.LastSuccessRow < index)
            {
                node.LastSuccessRow = index;
            }

            node.AddDuration(Math.Max(0, endMs - row.StartMs), _durationSamples);
        }
    }

    private int NewRow(long id, long runId, NodeState node, int version, int slot, long startMs)
    {
        // Attempt ids only grow in file order (the writer assigns them in the order it appends), which keeps the
        // rows sorted by id for RowOf's binary search.
        if (RowCount > 0 && Row(RowCount - 1).Id >= id)
        {
            throw new FormatException(RowOf(id) is not null ? $"attempt {id} recorded twice" : $"attempt {id} is out of order");
        }

        var run = FindRun(runId);
        if (run is null)
        {
            run = new RunState(runId, "(unknown: the record that started this run was lost)", startMs) { IsPlaceholder = true, LastSeenMs = startMs };
            AddRun(run);
        }

        var chunk = RowCount >> ChunkBits;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        _chunks[chunk] ??= new AttemptRow[ChunkSize];
        var index = RowCount++;
        Row(index) = new AttemptRow
        {
            Id = id,
            RunId = runId,
            Node = node.Index,
            Version = version,
            Slot = slot,
            StartMs = startMs,
            EndMs = -1,
            Status = AttemptStatus.Running,
        };
        node.AddRow(index);
        node.LastRow = index;

        run.Rows.Add(index);
        run.LastSeenMs = Math.Max(run.LastSeenMs, startMs);
        NextAttemptId = Math.Max(NextAttemptId, id + 1);
        return index;
    }

    private void CountStatus(int index, AttemptStatus status, int delta)
    {
        if (FindRun(Row(index).RunId) is { } run)
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

    private int AddNode(string name)
    {
        var node = new NodeState(name, _nodeList.Count);
        _nodes.Add(name, node);
        _nodeList.Add(node);
        return node.Index;
    }
}
