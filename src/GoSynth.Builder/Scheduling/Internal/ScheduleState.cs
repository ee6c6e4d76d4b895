namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>
/// The event-driven heart of scheduling, shared by the real scheduler and the simulation: a port becomes ready
/// the moment its last dependency succeeds (no polling, no head-of-line blocking), the ready set's policy picks
/// what a free slot builds, and a failure skips every port that depends on it, each naming the culprit.
/// Zero-work ports (meta) complete as soon as they are ready, without a slot. Not thread-safe: one loop drives it.
/// </summary>
internal sealed class ScheduleState
{
    private readonly SchedulingGraph _graph;
    private readonly IReadySet _ready;
    private readonly int[] _remaining;
    private readonly NodeStatus[] _status;
    private readonly int[] _culprit;
    private int _finished;

    public ScheduleState(SchedulingGraph graph, IReadySet ready)
    {
        _graph = graph;
        _ready = ready;
        _remaining = new int[graph.Count];
        _status = new NodeStatus[graph.Count];
        _culprit = new int[graph.Count];
        Array.Fill(_culprit, -1);
        for (var v = 0; v < graph.Count; v++)
        {
            _remaining[v] = graph.DependencyCount(v);
        }

        for (var v = 0; v < graph.Count; v++)
        {
            if (_remaining[v] == 0)
            {
                MakeReady(v);
            }
        }
    }

    public int ReadyCount => _ready.Count;

    public int Running { get; private set; }

    public bool IsFinished => _finished == _graph.Count;

    /// <summary>Zero-work ports that completed since the last call, in order; cleared by the caller.</summary>
    public List<int> InstantCompletions { get; } = [];

    public NodeStatus StatusOf(int node) => _status[node];

    /// <summary>The failed port that made <paramref name="node"/> skipped, or -1.</summary>
    public int CulpritOf(int node) => _culprit[node];

    /// <summary>Picks the next port for <paramref name="slot"/>, or false when none is ready.</summary>
    public bool TryTake(int slot, out int node)
    {
        if (!_ready.TryTake(slot, out node))
        {
            return false;
        }

        _status[node] = NodeStatus.Running;
        Running++;
        return true;
    }

    /// <summary>Records a success; dependents whose last dependency this was become ready.</summary>
    public void Succeed(int node)
    {
        Expect(node, NodeStatus.Running);
        Running--;
        Complete(node);
    }

    /// <summary>Records a failure and skips every port that depends on it, directly or not; returns them.</summary>
    public List<int> Fail(int node)
    {
        Expect(node, NodeStatus.Running);
        Running--;
        _status[node] = NodeStatus.Failed;
        _finished++;
        var skipped = new List<int>();
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            foreach (var dependent in _graph.Dependents(stack.Pop()))
            {
                if (_status[dependent] == NodeStatus.Pending)
                {
                    _status[dependent] = NodeStatus.Skipped;
                    _culprit[dependent] = node;
                    _finished++;
                    skipped.Add(dependent);
                    stack.Push(dependent);
                }
            }
        }

        return skipped;
    }

    private void Complete(int node)
    {
        _status[node] = NodeStatus.Succeeded;
        _finished++;
        foreach (var dependent in _graph.Dependents(node))
        {
            if (--_remaining[dependent] == 0 && _status[dependent] == NodeStatus.Pending)
            {
                MakeReady(dependent);
            }
        }
    }

    private void MakeReady(int node)
    {
        if (_graph.Instant[node])
        {
            InstantCompletions.Add(node);
            Complete(node);
            return;
        }

        _status[node] = NodeStatus.Ready;
        _ready.Add(node);
    }

    private void Expect(int node, NodeStatus status)
    {
        if (_status[node] != status)
        {
            throw new InvalidOperationException($"Port {_graph.Names[node]} is {_status[node]}, not {status}.");
        }
    }
}

/// <summary>Where a port is in a run.</summary>
internal enum NodeStatus : byte
{
    Pending,
    Ready,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
