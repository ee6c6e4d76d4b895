namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>
/// Takes the ready port with the highest key; among equal keys the one with the higher tie key, then the lower
/// index. Keys are fixed per port.
/// </summary>
internal sealed class PriorityReadySet(double[] keys, double[]? ties = null) : IReadySet
{
    private readonly PriorityQueue<int, (double, double, int)> _queue = new();

    public int Count => _queue.Count;

    public void Add(int node) => _queue.Enqueue(node, (-keys[node], -(ties?[node] ?? 0), node));

    public bool TryTake(int slot, out int node) => _queue.TryDequeue(out node, out _);
}
