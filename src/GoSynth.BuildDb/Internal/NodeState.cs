namespace GoSynth.BuildDb.Internal;

/// <summary>Everything indexed for one node: its attempt rows, latest rows and recent successful durations.</summary>
internal sealed class NodeState
{
    private int[] _rows = new int[4];
    private long[]? _durations;
    private int _durationCount;
    private int _durationNext;

    public NodeState(string name, int index)
    {
        Name = name;
        Index = index;
    }

    public int Index { get; }

    public string Name { get; }

    /// <summary>The last version and package file decoded for this node, with their UTF-8 bytes: a node's next record
    /// usually repeats them, so replay compares against these instead of probing the shared string pool.</summary>
    public byte[]? VersionUtf8 { get; set; }

    public int Version { get; set; }

    public byte[]? PackageUtf8 { get; set; }

    public int Package { get; set; }

    /// <summary>The last options and dependency set decoded for this node (as for the version above).</summary>
    public byte[]? OptionsUtf8 { get; set; }

    public int Options { get; set; }

    public byte[]? DependenciesUtf8 { get; set; }

    public int Dependencies { get; set; }

    /// <summary>The node's last inputs entry (1-based, 0 for none): a build with the same inputs shares it.</summary>
    public int Inputs { get; set; }

    public int RowCount { get; private set; }

    public int LastRow { get; set; } = -1;

    public int LastSuccessRow { get; set; } = -1;

    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, RowCount);

    public void AddRow(int row)
    {
        if (RowCount == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[RowCount++] = row;
    }

    public void AddDuration(long milliseconds, int capacity)
    {
        if (_durations is null || _durations.Length != capacity)
        {
            var old = RecentDurations();
            _durations = new long[capacity];
            _durationCount = 0;
            _durationNext = 0;
            foreach (var d in old.Length > capacity ? old[^capacity..] : old)
            {
                Push(d);
            }
        }

        Push(milliseconds);
    }

    /// <summary>The recent successful durations, oldest first.</summary>
    public long[] RecentDurations()
    {
        if (_durations is null || _durationCount == 0)
        {
            return [];
        }

        var result = new long[_durationCount];
        var start = (_durationNext - _durationCount + _durations.Length) % _durations.Length;
        for (var i = 0; i < _durationCount; i++)
        {
            result[i] = _durations[(start + i) % _durations.Length];
        }

        return result;
    }

    private void Push(long value)
    {
        _durations![_durationNext] = value;
        _durationNext = (_durationNext + 1) % _durations.Length;
        _durationCount = Math.Min(_durationCount + 1, _durations.Length);
    }
}
