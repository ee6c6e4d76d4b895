namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>
/// Wraps a priority ready set: of the best ready port and the next ones whose priority key is within
/// <c>tolerance</c> of it (at most <c>window</c> of them), a slot takes the one it holds the most dependencies of; on a
/// tie the higher priority wins. The ports not taken go back unchanged (their keys are fixed, so their order is too).
/// </summary>
internal sealed class AffinityReadySet(IReadySet inner, double[] keys, Func<int, int, int> held, double tolerance, int window = 8) : IReadySet
{
    private readonly List<int> _candidates = [];

    public int Count => inner.Count;

    public void Add(int node) => inner.Add(node);

    public bool TryTake(int slot, out int node)
    {
        if (!inner.TryTake(slot, out node))
        {
            return false;
        }

        var floor = keys[node] * (1 - tolerance);
        _candidates.Clear();
        _candidates.Add(node);
        while (_candidates.Count < window && inner.TryTake(slot, out var next))
        {
            if (keys[next] < floor)
            {
                inner.Add(next);
                break;
            }

            _candidates.Add(next);
        }

        if (_candidates.Count == 1)
        {
            return true;
        }

        var best = 0;
        var bestHeld = held(slot, _candidates[0]);
        for (var i = 1; i < _candidates.Count; i++)
        {
            var count = held(slot, _candidates[i]);
            if (count > bestHeld)
            {
                best = i;
                bestHeld = count;
            }
        }

        node = _candidates[best];
        for (var i = 0; i < _candidates.Count; i++)
        {
            if (i != best)
            {
                inner.Add(_candidates[i]);
            }
        }

        return true;
    }
}
