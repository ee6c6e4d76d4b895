namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>
/// dsynth's choice (reference: peers §3.2): the lower half of the slots take the ready port with the highest
/// <c>depi_count × depi_depth</c> (ports many others wait on), the upper half the one with the most dependencies
/// (<c>idep_count</c>, which in a cold build is the number of direct dependencies). When <c>batched</c>, as dsynth
/// is coded, a snapshot of the ready list is dispatched whole before ports that became ready since are considered.
/// </summary>
internal sealed class DsynthReadySet : IReadySet
{
    private readonly double[] _depi;
    private readonly double[] _idep;
    private readonly int _depiSlots;
    private readonly bool _batched;
    private readonly PriorityQueue<int, (double, int)> _byDepi = new();
    private readonly PriorityQueue<int, (double, int)> _byIdep = new();
    private readonly List<int> _pending = [];
    private readonly HashSet<int> _pool = [];

    public DsynthReadySet(SchedulingGraph graph, int workers, bool batched)
    {
        var depth = graph.LongestPathToEnd(Enumerable.Repeat(1.0, graph.Count).ToArray());
        _depi = new double[graph.Count];
        _idep = new double[graph.Count];
        for (var v = 0; v < graph.Count; v++)
        {
            _depi[v] = graph.Dependents(v).Length * depth[v];
            _idep[v] = graph.DependencyCount(v);
        }

        _depiSlots = Math.Max(1, workers / 2);
        _batched = batched;
    }

    public int Count => _pool.Count + _pending.Count;

    public void Add(int node)
    {
        if (_batched && _pool.Count > 0)
        {
            _pending.Add(node);
            return;
        }

        AddToPool(node);
    }

    public bool TryTake(int slot, out int node)
    {
        if (_pool.Count == 0 && _pending.Count > 0)
        {
            foreach (var waiting in _pending)
            {
                AddToPool(waiting);
            }

            _pending.Clear();
        }

        var queue = slot < _depiSlots ? _byDepi : _byIdep;
        while (queue.TryDequeue(out node, out _))
        {
            if (_pool.Remove(node))
            {
                return true;
            }
        }

        node = -1;
        return false;
    }

    private void AddToPool(int node)
    {
        _pool.Add(node);
        _byDepi.Enqueue(node, (-_depi[node], node));
        _byIdep.Enqueue(node, (-_idep[node], node));
    }
}
