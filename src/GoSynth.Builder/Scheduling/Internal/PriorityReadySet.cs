namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>Takes the ready port with the highest key (ties: lower index); the key is fixed per port.</summary>
internal sealed class PriorityReadySet(double[] keys) : IReadySet
{
    private readonly PriorityQueue<int, (double, int)> _queue = new();

    public int Count => _queue.Count;

    public void Add(int node) => _queue.Enqueue(node, (-keys[node], node));

    public bool TryTake(int slot, out int node) => _queue.TryDequeue(out node, out _);
}
